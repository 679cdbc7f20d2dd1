import { RegisteredDataMap } from '@compliance/connector';
import { createLogger } from '@compliance/logging';
import { EntityManager } from 'typeorm';

import { BatchPlan } from '../purge/batch-plan';
import { purgeQueries } from '../purge/purge.queries';
import { ArchivedRecord, encodeArchive, verifyArchive } from './archive-codec';
import { ArchiveStore } from './archive-store';

const logger = createLogger('BatchArchiver');

export class ArchiveVerificationError extends Error {
  constructor(readonly key: string) {
    super(`the archive ${key} did not read back as written`);
    this.name = 'ArchiveVerificationError';
  }
}

/**
 * Writes the records a batch is about to delete (its children included) as one
 * compressed JSON-lines object, reads it back and compares it with what was written.
 * Only then may the batch delete; a failed check aborts the batch's transaction.
 */
export async function archiveBatch(
  manager: Pick<EntityManager, 'query'>,
  store: ArchiveStore,
  dataMap: RegisteredDataMap,
  plan: BatchPlan,
  companyId: string,
  key: string,
): Promise<{ location: string; archived: Map<string, number> }> {
  const records: ArchivedRecord[] = [];
  const archived = new Map<string, number>();

  for (const [entity, tally] of plan.tallies) {
    if (tally.affected.length === 0) continue;

    const rows: { id: string; record: Record<string, unknown> }[] = await manager.query(
      purgeQueries.recordsAsJson(dataMap.entity(entity)),
      [companyId, tally.affected],
    );

    records.push(...rows.map((row) => ({ entity, id: row.id, record: row.record })));
    archived.set(entity, rows.length);
  }

  const encoded = encodeArchive(records);
  const location = await store.write(key, encoded.body);

  if (!verifyArchive(await store.read(key), encoded)) {
    await removeUnverified(store, key);
    throw new ArchiveVerificationError(key);
  }

  return { location, archived };
}

/**
 * The batch fails whatever happens here; a removal that fails too is logged, and the
 * object left behind is one no log points at.
 */
async function removeUnverified(store: ArchiveStore, key: string): Promise<void> {
  try {
    await store.remove(key);
  } catch (error) {
    logger.warn({ err: error, key }, 'an archive that failed its check could not be removed');
  }
}
