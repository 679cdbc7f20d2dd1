import { randomBytes } from 'node:crypto';

import { createLogger } from '@compliance/logging';

import { AES_KEY_BYTES } from '../envelope/aes-gcm';
import { KeyVersionRef, labelKeyVersion, LabelledKeyVersion } from '../envelope/ciphertext-format';
import { CryptoError } from '../errors/crypto.error';
import { DataKeyCache, DataKeyCacheLimits } from './data-key-cache';
import { InFlight } from './in-flight';
import { keyContext, KeyScope, KeySet } from './key-set';
import { KeySetDirectory } from './key-set-directory';
import { DataKeyRow } from './keyring-rows';
import { KeyringStore } from './keyring.store';
import { ProviderRegistry } from './provider-registry';

export interface DataKeyPolicy {
  cache: DataKeyCacheLimits;
  /** A data key seals at most this many values, then a new version takes over. */
  maxEncryptionsPerKey: number;
  /** Encryptions reserved in the keyring per round trip. */
  reservationSize: number;
}

interface ActiveKey {
  version: number;
  reserved: number;
  label: LabelledKeyVersion;
  /** The last block reserved, when, and how many left start the next one; 0 never does. */
  block: number;
  reservedAt: number;
  refillAt: number;
}

/** Attempts to reserve before giving up: each failed one means a racing process won. */
const RESERVE_ATTEMPTS = 5;
/** A block used up within this time makes the next one twice as large... */
const QUICK_BLOCK_MS = 1_000;
/**
 * ...up to this many times the configured reservation size and this share of a key's limit,
 * so a block that no longer fits under the limit leaves little of the old version unused.
 */
const MAX_BLOCK_GROWTH = 64;
const MAX_BLOCK_SHARE = 1 / 16;
/** Smaller reservation sizes keep the old one-block-at-a-time behaviour. */
const MIN_SIZE_TO_REFILL = 4;

/**
 * The data keys of every company: made on first use, unwrapped at most once per cache
 * lifetime, and replaced by a new version before they seal more values than the policy
 * allows. Async `prepare*` steps load what the synchronous `take*` steps then use.
 */
export class DataKeyRing {
  readonly keySets: KeySetDirectory;
  private readonly cache: DataKeyCache;
  private readonly active = new Map<string, ActiveKey>();
  private readonly inFlight = new InFlight();
  private readonly logger = createLogger(DataKeyRing.name);

  constructor(
    private readonly store: KeyringStore,
    private readonly providers: ProviderRegistry,
    private readonly policy: DataKeyPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new DataKeyCache(policy.cache, now, (keyId, version) =>
      this.unwrapAhead(keyId, version),
    );
    this.keySets = new KeySetDirectory(store, policy.cache.maxAgeMs, now);
  }

  /** Loads the scope's current key with at least `count` encryptions reserved. */
  async prepareEncryption(scope: KeyScope, count = 1): Promise<KeySet> {
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
      const set = await this.keySets.forScope(scope, true);

      if (!set || set.destroyed) {
        throw CryptoError.keyDestroyed();
      }

      if (this.readyToEncrypt(set, count)) {
        return set;
      }

      await this.inFlight.run(`activate:${set.id}`, () => this.activate(set, count));
    }

    throw CryptoError.keyUnavailable('no data key could be reserved');
  }

  takeForEncryption(scope: KeyScope): { key: Buffer; ref: LabelledKeyVersion } {
    const now = this.now();
    const set = this.keySets.cachedForScope(scope, now);
    const active = set && this.active.get(set.id);

    if (!set || set.destroyed || !active || active.reserved < 1) {
      throw CryptoError.notReady();
    }

    const key = this.cache.take(set.id, active.version, now);

    if (!key) {
      throw CryptoError.notReady();
    }

    active.reserved -= 1;

    if (active.reserved === active.refillAt && active.refillAt > 0) {
      this.refill(set, active);
    }

    return { key, ref: active.label };
  }

  /** Loads the key that sealed `ref`, after checking the value may be read at all. */
  async prepareDecryption(ref: KeyVersionRef, companyId: string): Promise<KeySet> {
    const set = await this.keySets.byKeyId(ref.keyId);

    if (!set) {
      throw CryptoError.keyUnavailable('the key of this value is not in the keyring');
    }

    assertReadable(set, ref.version, companyId);

    if (!this.cache.has(set.id, ref.version)) {
      await this.inFlight.run(`load:${set.id}:${ref.version}`, async () => {
        const row = await this.store.findDataKey(set.id, ref.version);

        if (!row) {
          return this.refuseMissing(set);
        }

        await this.load(set, row);
      });
    }

    return set;
  }

  takeForDecryption(ref: KeyVersionRef, companyId: string): Buffer {
    const now = this.now();
    const set = this.keySets.cached(ref.keyId, now);

    if (!set) {
      throw CryptoError.notReady();
    }

    assertReadable(set, ref.version, companyId);

    return this.cache.take(set.id, ref.version, now) ?? throwNotReady();
  }

  /** The company's blind-index key: one version, made on first use, never replaced. */
  async prepareIndexKey(companyId: string): Promise<void> {
    const set = await this.keySets.forScope(indexScope(companyId), true);

    if (!set || this.cache.has(set.id, 1)) {
      return;
    }

    await this.inFlight.run(`load:${set.id}:1`, async () => {
      const row = (await this.store.findDataKey(set.id, 1)) ?? (await this.create(set, 1));
      await this.load(set, row);
    });
  }

  takeIndexKey(companyId: string): Buffer {
    const now = this.now();
    const set = this.keySets.cachedForScope(indexScope(companyId), now);

    return (set && this.cache.take(set.id, 1, now)) ?? throwNotReady();
  }

  /** Gives up a reservation on a version older than `newest`, so the next value uses it. */
  useNewest(keySetId: string, newest: number): void {
    const active = this.active.get(keySetId);

    if (active && active.version < newest) {
      this.active.delete(keySetId);
    }
  }

  /** Drops what this process knows of a key set: keys, reservation and metadata. */
  forget(keySetId: string): void {
    this.cache.evictKeySet(keySetId);
    this.active.delete(keySetId);
    this.keySets.forget(keySetId);
  }

  clear(): void {
    this.cache.clear();
    this.active.clear();
  }

  /**
   * Reserves the next block while a quarter of this one is left, so a steady stream of
   * encryptions seldom waits on the keyring; a busy stream gets larger blocks, so fewer
   * round trips. The database still counts every encryption before it happens and refuses
   * a block past the key's limit; a failure here only means the next `prepare` reserves.
   */
  private refill(set: KeySet, active: ActiveKey): void {
    const { maxEncryptionsPerKey, reservationSize } = this.policy;
    const largest = Math.min(
      reservationSize * MAX_BLOCK_GROWTH,
      Math.floor(maxEncryptionsPerKey * MAX_BLOCK_SHARE),
    );
    const quick = this.now() - active.reservedAt < QUICK_BLOCK_MS;
    // `activate` never reserves fewer than the configured size, so 1 asks for just that.
    const block = quick ? Math.min(active.block * 2, largest) : 1;

    this.inFlight
      .run(`activate:${set.id}`, () => this.activate(set, block))
      .catch((failure: unknown) => {
        this.logger.warn({ keyId: set.id, err: failure }, 'reserving encryptions ahead failed');
      });
  }

  /**
   * Unwraps a fresh copy of a key while a quarter of its cached uses is left, so a steady
   * stream of values does not stop to wait on the keyring and the provider when the copy in
   * use runs out. The keyring is read again, so a destroyed key is still seen; a failure
   * here only means the next use prepares the key itself.
   */
  private unwrapAhead(keyId: string, version: number): void {
    const set = this.keySets.cached(keyId);

    if (!set) {
      return;
    }

    this.inFlight
      .run(`load:${set.id}:${version}`, async () => {
        const row = await this.store.findDataKey(set.id, version);

        if (!row) {
          return this.refuseMissing(set);
        }

        await this.load(set, row);
      })
      .catch((failure: unknown) => {
        this.logger.warn({ keyId, version, err: failure }, 'unwrapping a key ahead failed');
      });
  }

  private readyToEncrypt(set: KeySet, count: number): boolean {
    const active = this.active.get(set.id);

    return !!active && active.reserved >= count && this.cache.has(set.id, active.version);
  }

  private async activate(set: KeySet, count: number): Promise<void> {
    const { maxEncryptionsPerKey, reservationSize } = this.policy;
    const wanted = Math.min(Math.max(count, reservationSize), maxEncryptionsPerKey);
    let row = (await this.store.currentDataKey(set.id)) ?? (await this.create(set, 1));

    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
      if (await this.store.reserveEncryptions(row.id, wanted, maxEncryptionsPerKey)) {
        if (!this.cache.has(set.id, row.version)) {
          await this.load(set, row);
        }

        this.addReserved(set.id, row.version, wanted);
        return;
      }

      // This version is used up: the next one takes over, made here or by a racing process.
      row = await this.create(set, row.version + 1);
    }
  }

  private addReserved(keySetId: string, version: number, count: number): void {
    const active = this.active.get(keySetId);
    const next = {
      reserved: count,
      block: count,
      reservedAt: this.now(),
      refillAt: this.policy.reservationSize >= MIN_SIZE_TO_REFILL ? Math.floor(count / 4) : 0,
    };

    if (active?.version === version) {
      Object.assign(active, next, { reserved: active.reserved + count });
    } else {
      const label = labelKeyVersion({ keyId: keySetId, version });
      this.active.set(keySetId, { version, label, ...next });
    }
  }

  /** Makes `version` unless it exists; returns the set's newest key either way. */
  private async create(set: KeySet, version: number): Promise<DataKeyRow> {
    const dek = randomBytes(AES_KEY_BYTES);
    const context = keyContext(set, version);
    const wrapped = await this.providers.current.wrap(dek, context);

    if (await this.store.insertDataKey(context, wrapped)) {
      this.cache.put(set.id, version, dek);
      this.logger.info({ keyId: set.id, version, purpose: set.purpose }, 'data key created');
    } else {
      dek.fill(0);
    }

    const current = await this.store.currentDataKey(set.id);

    if (!current) {
      this.forget(set.id);
      throw CryptoError.keyDestroyed();
    }

    return current;
  }

  private async load(set: KeySet, row: DataKeyRow): Promise<void> {
    const provider = this.providers.forId(row.kek_provider);
    const wrapped = {
      providerId: row.kek_provider,
      kekVersion: row.kek_version,
      blob: row.wrapped_key,
    };
    const dek = await provider.unwrap(wrapped, keyContext(set, row.version));

    if (dek.length !== AES_KEY_BYTES) {
      throw CryptoError.keyUnavailable('the unwrapped data key has the wrong length');
    }

    this.cache.put(set.id, row.version, dek);
  }

  /** A version missing from a set that was destroyed meanwhile is a destroyed key. */
  private async refuseMissing(set: KeySet): Promise<never> {
    this.keySets.forget(set.id);
    const fresh = await this.keySets.byKeyId(set.id);

    if (!fresh || fresh.destroyed) {
      this.forget(set.id);
      throw CryptoError.keyDestroyed();
    }

    throw CryptoError.keyUnavailable('this key version is not in the keyring');
  }
}

/** Another company's key answers like tampering, so nothing says the key exists. */
function assertReadable(set: KeySet, version: number, companyId: string): void {
  if (set.companyId !== companyId.toLowerCase() || set.purpose !== 'data') {
    throw CryptoError.authenticationFailed();
  }

  if (set.destroyed) {
    throw CryptoError.keyDestroyed();
  }

  if (version < set.minVersion) {
    throw CryptoError.keyRetired();
  }
}

function indexScope(companyId: string): KeyScope {
  return { companyId, subjectId: null, purpose: 'index' };
}

function throwNotReady(): never {
  throw CryptoError.notReady();
}
