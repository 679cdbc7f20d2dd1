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

/** Told once per entry, when a quarter of its uses is left. */
export type RunningLowListener = (keyId: string, version: number) => void;

/** Fewer uses than this per unwrapping leave too little room to unwrap ahead. */
const MIN_USES_TO_WARN = 4;

/**
 * Unwrapped data keys in memory, each for a bounded time and number of uses, so the KEK
 * provider is asked once per key per lifetime and never per field. An entry that runs out
 * is zeroed and dropped; the next use unwraps again. Entries sit under their key set's id,
 * then their version, so the warm path builds no lookup strings.
 */
export class DataKeyCache {
  private readonly keySets = new Map<string, Map<number, CachedKey>>();
  /** The uses left at which `onRunningLow` hears of an entry; 0 never does. */
  private readonly lowMark: number;

  constructor(
    private readonly limits: DataKeyCacheLimits,
    private readonly now: () => number = Date.now,
    private readonly onRunningLow?: RunningLowListener,
  ) {
    this.lowMark = limits.maxUses >= MIN_USES_TO_WARN ? Math.floor(limits.maxUses / 4) : 0;
  }

  /** The key for one use, or undefined when it is absent, too old or used up. */
  take(keyId: string, version: number, now = this.now()): Buffer | undefined {
    const versions = this.keySets.get(keyId);
    const entry = versions && this.fresh(versions, version, now);

    if (!entry) {
      return undefined;
    }

    entry.usesLeft -= 1;

    if (entry.usesLeft === 0) {
      versions.delete(version);
      // The caller uses the key synchronously, before anything else can run, so it is
      // zeroed as soon as that use is done, not under the caller's feet.
      queueMicrotask(() => entry.key.fill(0));
    } else if (entry.usesLeft === this.lowMark) {
      this.onRunningLow?.(keyId, version);
    }

    return entry.key;
  }

  has(keyId: string, version: number): boolean {
    const versions = this.keySets.get(keyId);

    return !!versions && this.fresh(versions, version, this.now()) !== undefined;
  }

  put(keyId: string, version: number, key: Buffer): void {
    let versions = this.keySets.get(keyId);

    if (!versions) {
      versions = new Map();
      this.keySets.set(keyId, versions);
    }

    if (versions.get(version)?.key !== key) {
      drop(versions, version);
    }

    versions.set(version, {
      key,
      expiresAt: this.now() + this.limits.maxAgeMs,
      usesLeft: this.limits.maxUses,
    });
  }

  /** Forgets every version of a key set, as its destruction requires. */
  evictKeySet(keyId: string): void {
    for (const entry of this.keySets.get(keyId)?.values() ?? []) {
      entry.key.fill(0);
    }

    this.keySets.delete(keyId);
  }

  clear(): void {
    for (const keyId of [...this.keySets.keys()]) {
      this.evictKeySet(keyId);
    }
  }

  private fresh(
    versions: Map<number, CachedKey>,
    version: number,
    now: number,
  ): CachedKey | undefined {
    const entry = versions.get(version);

    if (entry && entry.expiresAt <= now) {
      drop(versions, version);
      return undefined;
    }

    return entry;
  }
}

function drop(versions: Map<number, CachedKey>, version: number): void {
  versions.get(version)?.key.fill(0);
  versions.delete(version);
}
