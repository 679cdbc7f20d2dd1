import { KeyConfigurationError } from '../../errors/key-configuration.error';
import { RuntimeEnvironment } from '../key-provider.settings';
import { PBKDF2_MIN_ITERATIONS } from './key-stretcher';

export const MASTER_KEY_MIN_BYTES = 32;
export const PASSPHRASE_MIN_LENGTH = 16;

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

export interface LocalSecretSettings {
  environment: RuntimeEnvironment;
  masterKey?: string;
  passphrase?: string;
  allowGeneratedKey?: boolean;
  pbkdf2Iterations?: number;
}

/** The local root secret as configured, checked before anything touches the keyring. */
export type LocalSecret =
  | { kind: 'master-key'; key: Buffer }
  | { kind: 'passphrase'; passphrase: string; iterations: number }
  | { kind: 'generated' };

/**
 * Refuses what must not run: no secret, a short or uniform master key, a short passphrase
 * in production, or a generated key outside development and test. Errors name the
 * setting, never its value. Weak secrets pass in development and test so tests stay fast.
 */
export function readLocalSecret(settings: LocalSecretSettings): LocalSecret {
  const production = settings.environment === 'production';
  const { masterKey, passphrase } = settings;

  if (masterKey !== undefined && passphrase !== undefined) {
    throw new KeyConfigurationError(
      'local.masterKey',
      'set a master key or a passphrase, not both',
    );
  }

  if (settings.allowGeneratedKey && production) {
    throw new KeyConfigurationError(
      'local.allowGeneratedKey',
      'a generated key is for development and test only; set a master key or a passphrase',
    );
  }

  if (masterKey !== undefined) {
    return { kind: 'master-key', key: readMasterKey(masterKey, production) };
  }

  if (passphrase !== undefined) {
    return readPassphrase(passphrase, settings.pbkdf2Iterations, production);
  }

  if (settings.allowGeneratedKey) {
    return { kind: 'generated' };
  }

  throw new KeyConfigurationError(
    'local.masterKey',
    `missing: set a master key (${MASTER_KEY_MIN_BYTES} random bytes, base64 or hex) ` +
      'or a passphrase',
  );
}

/** Hex when it reads as hex, base64 or base64url otherwise. */
export function decodeMasterKey(text: string): Buffer | undefined {
  const trimmed = text.trim();

  if (HEX.test(trimmed)) {
    return Buffer.from(trimmed, 'hex');
  }

  return BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
}

function readMasterKey(text: string, production: boolean): Buffer {
  const key = decodeMasterKey(text);

  if (!key || key.length === 0) {
    throw new KeyConfigurationError('local.masterKey', 'not base64 or hex');
  }

  if (key.length < MASTER_KEY_MIN_BYTES) {
    throw new KeyConfigurationError(
      'local.masterKey',
      `too short: ${key.length} bytes, at least ${MASTER_KEY_MIN_BYTES} are needed`,
    );
  }

  if (production && key.every((byte) => byte === key[0])) {
    throw new KeyConfigurationError('local.masterKey', 'every byte is the same: not a real key');
  }

  return key;
}

function readPassphrase(
  passphrase: string,
  iterations: number | undefined,
  production: boolean,
): LocalSecret {
  const rounds = iterations ?? PBKDF2_MIN_ITERATIONS;

  if (!Number.isInteger(rounds) || rounds < PBKDF2_MIN_ITERATIONS) {
    throw new KeyConfigurationError(
      'local.pbkdf2Iterations',
      `at least ${PBKDF2_MIN_ITERATIONS} are needed`,
    );
  }

  if (production && [...passphrase].length < PASSPHRASE_MIN_LENGTH) {
    throw new KeyConfigurationError(
      'local.passphrase',
      `too short: at least ${PASSPHRASE_MIN_LENGTH} characters are needed in production`,
    );
  }

  if (passphrase.length === 0) {
    throw new KeyConfigurationError('local.passphrase', 'empty');
  }

  return { kind: 'passphrase', passphrase, iterations: rounds };
}
