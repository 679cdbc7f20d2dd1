import { BlindIndexEncoding } from '../blind-index/blind-index';
import { KeyConfigurationError } from '../errors/key-configuration.error';
import { DataKeyPolicy } from '../keyring/data-key-ring';
import { KeyProvider } from '../providers/key-provider';

export interface FieldEncryptionOptions {
  /** Providers that wrapped older keys, kept until `rewrapDataKeys` moves them over. */
  previousProviders?: KeyProvider[];
  /** How long an unwrapped data key stays in memory; 5 minutes by default. */
  cacheMaxAgeMs?: number;
  /** Encryptions and decryptions per unwrapping; 100,000 by default. */
  cacheMaxUses?: number;
  /**
   * Values one data key seals before a new version takes over: 2^30 by default, well
   * below the 2^32 at which random 96-bit nonces stop being safe. Never above 2^32.
   */
  maxEncryptionsPerKey?: number;
  /** Encryptions counted in the keyring per round trip; 1,000 by default. */
  reservationSize?: number;
  blindIndexEncoding?: BlindIndexEncoding;
  /** For phone numbers without one; `+1` by default. */
  defaultCountryCode?: string;
  /** Data keys rewrapped per page by a rotation; 500 by default. */
  rotationBatchSize?: number;
  /** The clock of the key cache; tests move it. */
  now?: () => number;
}

export interface ResolvedFieldEncryptionOptions {
  previousProviders: KeyProvider[];
  policy: DataKeyPolicy;
  blindIndexEncoding: BlindIndexEncoding;
  defaultCountryCode: string;
  rotationBatchSize: number;
  now: () => number;
}

const NONCE_SAFE_LIMIT = 2 ** 32;

export function resolveFieldEncryptionOptions(
  options: FieldEncryptionOptions,
): ResolvedFieldEncryptionOptions {
  const maxEncryptionsPerKey = options.maxEncryptionsPerKey ?? 2 ** 30;
  const reservationSize = Math.min(options.reservationSize ?? 1_000, maxEncryptionsPerKey);
  const cache = {
    maxAgeMs: options.cacheMaxAgeMs ?? 5 * 60_000,
    maxUses: options.cacheMaxUses ?? 100_000,
  };

  positive('maxEncryptionsPerKey', maxEncryptionsPerKey, NONCE_SAFE_LIMIT);
  positive('reservationSize', reservationSize, maxEncryptionsPerKey);
  positive('cacheMaxAgeMs', cache.maxAgeMs, Number.MAX_SAFE_INTEGER);
  positive('cacheMaxUses', cache.maxUses, Number.MAX_SAFE_INTEGER);

  const rotationBatchSize = options.rotationBatchSize ?? 500;
  positive('rotationBatchSize', rotationBatchSize, 100_000);

  return {
    previousProviders: options.previousProviders ?? [],
    policy: { cache, maxEncryptionsPerKey, reservationSize },
    blindIndexEncoding: options.blindIndexEncoding ?? 'hex',
    defaultCountryCode: options.defaultCountryCode ?? '+1',
    rotationBatchSize,
    now: options.now ?? Date.now,
  };
}

function positive(option: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new KeyConfigurationError(option, `must be a whole number from 1 to ${max}`);
  }
}
