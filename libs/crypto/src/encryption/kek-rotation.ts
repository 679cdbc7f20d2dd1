import { KeyringStore } from '../keyring/keyring.store';
import { DataKeyRow } from '../keyring/keyring-rows';
import { ProviderRegistry } from '../keyring/provider-registry';
import { KeyContext, WrappedKey } from '../providers/key-provider';

export interface KekRotationResult {
  providerId: string;
  kekVersion: number;
  /** Data keys moved to that KEK version; no encrypted row was read or written. */
  rewrapped: number;
}

/**
 * Moves every data key (of one company, or all) that is not under the current provider's
 * current KEK version to it, a page at a time. The data keys themselves do not change, so
 * every value keeps decrypting and no row is touched. Safe to run again or concurrently: a
 * key another run moved first is skipped.
 */
export async function rewrapKeyring(
  store: KeyringStore,
  providers: ProviderRegistry,
  companyId: string | null,
  batchSize: number,
): Promise<number> {
  const current = providers.current;
  let after: string | null = null;
  let rewrapped = 0;

  for (;;) {
    const target = { providerId: current.id, kekVersion: current.currentVersion };
    const rows = await store.listKeysToRewrap(companyId, target, after, batchSize);

    for (const row of rows) {
      if (await store.replaceWrapping(row, await moveToCurrent(row, providers))) {
        rewrapped += 1;
      }
    }

    if (rows.length < batchSize) {
      return rewrapped;
    }

    after = rows[rows.length - 1].id;
  }
}

async function moveToCurrent(row: DataKeyRow, providers: ProviderRegistry): Promise<WrappedKey> {
  const context: KeyContext = {
    companyId: row.company_id,
    keyId: row.key_set_id,
    version: row.version,
    purpose: row.purpose,
    subjectId: row.subject_id,
  };
  const wrapped = {
    providerId: row.kek_provider,
    kekVersion: row.kek_version,
    blob: row.wrapped_key,
  };
  const owner = providers.forId(row.kek_provider);

  // The provider moves its own keys without handing the data key out, where it can.
  if (owner === providers.current && owner.rewrap) {
    return owner.rewrap(wrapped, context);
  }

  const dek = await owner.unwrap(wrapped, context);

  try {
    return await providers.current.wrap(dek, context);
  } finally {
    dek.fill(0);
  }
}
