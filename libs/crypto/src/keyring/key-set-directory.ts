import { InFlight } from './in-flight';
import { KeyScope, KeySet, scopeId, toKeySet } from './key-set';
import { KeyringStore } from './keyring.store';

interface Known {
  set: KeySet;
  expiresAt: number;
}

/**
 * Key sets as last read from the keyring, each trusted for `maxAgeMs`: a destruction or
 * retirement made by another process is seen here within that time.
 */
export class KeySetDirectory {
  private readonly byId = new Map<string, Known>();
  private readonly idsByScope = new Map<string, string>();
  private readonly inFlight = new InFlight();

  constructor(
    private readonly store: KeyringStore,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  /** The scope's set, created on first use when `create` is set. */
  async forScope(scope: KeyScope, create: boolean): Promise<KeySet | undefined> {
    const known = this.cachedForScope(scope);

    if (known) {
      return known;
    }

    return this.inFlight.run(`${scopeId(scope)}:${create}`, async () => {
      const row = create
        ? await this.store.findOrCreateKeySet(scope.companyId, scope.subjectId, scope.purpose)
        : await this.store.findKeySet(scope.companyId, scope.subjectId, scope.purpose);

      return row ? this.remember(toKeySet(row)) : undefined;
    });
  }

  async byKeyId(id: string): Promise<KeySet | undefined> {
    const known = this.cached(id);

    if (known) {
      return known;
    }

    return this.inFlight.run(id, async () => {
      const row = await this.store.findKeySetById(id);
      return row ? this.remember(toKeySet(row)) : undefined;
    });
  }

  /** Synchronous, for the warm path: undefined when absent or no longer trusted. */
  cached(id: string): KeySet | undefined {
    const known = this.byId.get(id);

    return known && known.expiresAt > this.now() ? known.set : undefined;
  }

  cachedForScope(scope: KeyScope): KeySet | undefined {
    const id = this.idsByScope.get(scopeId(scope));

    return id ? this.cached(id) : undefined;
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  private remember(set: KeySet): KeySet {
    this.byId.set(set.id, { set, expiresAt: this.now() + this.maxAgeMs });
    this.idsByScope.set(scopeId(set), set.id);

    return set;
  }
}
