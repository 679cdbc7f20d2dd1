import { InFlight } from './in-flight';
import { KeyScope, KeySet, scopeId, toKeySet } from './key-set';
import { KeyringStore } from './keyring.store';

interface Known {
  set: KeySet;
  expiresAt: number;
}

/** The last scope looked up for one purpose and the id it led to. */
interface LastScope extends KeyScope {
  id: string;
}

/**
 * Key sets as last read from the keyring, each trusted for `maxAgeMs`: a destruction or
 * retirement made by another process is seen here within that time.
 */
export class KeySetDirectory {
  private readonly byId = new Map<string, Known>();
  private readonly idsByScope = new Map<string, string>();
  /** Per purpose, so data and index lookups in turn do not push each other out. */
  private readonly lastScopes = new Map<KeyScope['purpose'], LastScope>();
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
  cached(id: string, now = this.now()): KeySet | undefined {
    const known = this.byId.get(id);

    return known && known.expiresAt > now ? known.set : undefined;
  }

  cachedForScope(scope: KeyScope, now = this.now()): KeySet | undefined {
    const id = this.idForScope(scope);

    return id ? this.cached(id, now) : undefined;
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  /** A scope asked for again skips building its lookup string; the set is checked anyway. */
  private idForScope(scope: KeyScope): string | undefined {
    const last = this.lastScopes.get(scope.purpose);

    if (last?.companyId === scope.companyId && last.subjectId === scope.subjectId) {
      return last.id;
    }

    const id = this.idsByScope.get(scopeId(scope));

    if (id) {
      this.lastScopes.set(scope.purpose, {
        companyId: scope.companyId,
        subjectId: scope.subjectId,
        purpose: scope.purpose,
        id,
      });
    }

    return id;
  }

  private remember(set: KeySet): KeySet {
    this.byId.set(set.id, { set, expiresAt: this.now() + this.maxAgeMs });
    this.idsByScope.set(scopeId(set), set.id);
    this.lastScopes.delete(set.purpose);

    return set;
  }
}
