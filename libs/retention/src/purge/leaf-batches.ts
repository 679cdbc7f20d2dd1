import { EntityManager } from 'typeorm';

import { BlockBatchSizer, blockCursor, parseBlockCursor } from './heap-blocks';
import { FilterHold, purgeQueries, PurgeScope } from './purge.queries';

export interface LeafBatch {
  /** Where the next batch starts. */
  cursor: string;
  deleted: number;
  /** Candidates a hold, a restriction or a held parent kept. */
  skipped: number;
}

interface HeapLayout {
  plain: boolean;
  blocks: number;
  rows_per_block: number | null;
}

/**
 * The `hard` batches of an entity nothing points at, one statement each. A plain table is
 * walked in heap order, a range of blocks per batch, so each row is read once, as by a
 * raw DELETE; a view or a partitioned table, or a run resumed from a key cursor, goes by
 * key ranges. One instance serves one pass of a run: it learns how many blocks make a
 * batch as it goes.
 */
export class LeafBatches {
  private sizer: BlockBatchSizer | undefined;

  constructor(private readonly batchSize: number) {}

  /** The next batch, deleted in the caller's transaction; null when nothing is left. */
  async next(
    manager: Pick<EntityManager, 'query'>,
    scope: PurgeScope,
    holds: readonly FilterHold[],
    cursor: string | null,
  ): Promise<LeafBatch | null> {
    const from = parseBlockCursor(cursor);
    const layout = purgeQueries.heapLayout(scope);
    const [heap]: HeapLayout[] = await manager.query(layout.sql, layout.values);

    if (from === undefined || !heap.plain) {
      return this.byKeys(manager, scope, holds, cursor);
    }

    // Rows inserted past the end meanwhile are fresh; one updated to a block behind the
    // cursor waits for the next run. Nothing is deleted or counted twice either way.
    const start = from ?? 0;

    if (start >= heap.blocks) {
      return null;
    }

    this.sizer ??= new BlockBatchSizer(this.batchSize, heap.rows_per_block);
    const end = start + this.sizer.blocks;
    const range = purgeQueries.deleteLeafBlocks(scope, holds, start, end);
    const [{ deleted, skipped }]: { deleted: number; skipped: number }[] = await manager.query(
      range.sql,
      range.values,
    );

    this.sizer.observe(deleted + skipped);
    return { cursor: blockCursor(end), deleted, skipped };
  }

  /** Finds the batch's last key, then deletes the candidates up to it. */
  private async byKeys(
    manager: Pick<EntityManager, 'query'>,
    scope: PurgeScope,
    holds: readonly FilterHold[],
    cursor: string | null,
  ): Promise<LeafBatch | null> {
    const end = purgeQueries.batchEnd(scope, cursor, this.batchSize);
    const [found]: { last_key: string; matched: number }[] = await manager.query(
      end.sql,
      end.values,
    );

    if (!found) {
      return null;
    }

    const range = purgeQueries.deleteLeafRange(scope, holds, cursor, found.last_key);
    const [{ deleted }]: { deleted: number }[] = await manager.query(range.sql, range.values);
    // A row inserted into the range meanwhile is a candidate too: it is counted, not lost.
    const matched = Math.max(found.matched, deleted);

    return { cursor: found.last_key, deleted, skipped: matched - deleted };
  }
}
