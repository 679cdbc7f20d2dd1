export interface DataKeyCacheLimits {
  /** How long an unwrapped key stays in memory. */
  maxAgeMs: number;
  /** How many encryptions and decryptions one unwrapping serves. */
  maxUses: number;
}

interface CachedKey {
  key: Buffer;
  expiresAt: number;
  usesLeft: number;
}

/**
 * Unwrapped data keys in memory, each for a bounded time and number of uses, so the KEK
 * provider is asked once per key per lifetime and never per field. An entry that runs out
 * is zeroed and dropped; the next use unwraps again.
 */
export class DataKeyCache {
  private readonly entries = new Map<string, CachedKey>();

  constructor(
    private readonly limits: DataKeyCacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key for one use, or undefined when it is absent, too old or used up. */
  take(keyId: string, version: number): Buffer | undefined {
    const id = entryId(keyId, version);
    const entry = this.fresh(id);

    if (!entry) {
      return undefined;
    }

    entry.usesLeft -= 1;

    // The caller uses the key synchronously, before anything else can run; zeroing it
    // once that use is done would pull it from under the caller, so only drop it.
    if (entry.usesLeft === 0) {
      this.entries.delete(id);
    }

    return entry.key;
  }

  has(keyId: string, version: number): boolean {
    return this.fresh(entryId(keyId, version)) !== undefined;
  }

  put(keyId: string, version: number, key: Buffer): void {
    const id = entryId(keyId, version);

    if (this.entries.get(id)?.key !== key) {
      this.drop(id);
    }

    this.entries.set(id, {
      key,
      expiresAt: this.now() + this.limits.maxAgeMs,
      usesLeft: this.limits.maxUses,
    });
  }

  /** Forgets every version of a key set, as its destruction requires. */
  evictKeySet(keyId: string): void {
    for (const id of [...this.entries.keys()]) {
      if (id.startsWith(`${keyId}:`)) {
        this.drop(id);
      }
    }
  }

  clear(): void {
    for (const id of [...this.entries.keys()]) {
      this.drop(id);
    }
  }

  private fresh(id: string): CachedKey | undefined {
    const entry = this.entries.get(id);

    if (entry && entry.expiresAt <= this.now()) {
      this.drop(id);
      return undefined;
    }

    return entry;
  }

  private drop(id: string): void {
    this.entries.get(id)?.key.fill(0);
    this.entries.delete(id);
  }
}

function entryId(keyId: string, version: number): string {
  return `${keyId}:${version}`;
}
