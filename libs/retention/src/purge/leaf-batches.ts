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
  protected: boolean;
}

/**
 * The `hard` batches of an entity nothing points at, one statement each. A plain table is
 * walked in heap order, a range of blocks per batch, so each row is read once, as by a
 * raw DELETE; a view or a partitioned table, or a run resumed from a key cursor, goes by
 * key ranges. One instance serves one pass of a run: it counts the rows of the first
 * batch's blocks once, then learns how many blocks make a batch as it goes.
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
    const layout = purgeQueries.heapLayout(scope, holds);
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

    this.sizer ??= await this.sizerFrom(manager, scope, heap, start);
    const end = start + this.sizer.blocks;
    const range = purgeQueries.deleteLeafBlocks(scope, holds, start, end);
    // A plain DELETE answers [rows, affected count]: the count of its command tag.
    const [, deleted] = await manager.query<[unknown, number]>(range.sql, range.values);
    const skipped = heap.protected ? await this.remaining(manager, scope, start, end) : 0;

    this.sizer.observe(deleted + skipped);
    return { cursor: blockCursor(end), deleted, skipped };
  }

  /**
   * The pass's sizer: from the table's statistics, checked against a count of the blocks
   * its first batch would read, since rows added after the last ANALYZE are not in them.
   */
  private async sizerFrom(
    manager: Pick<EntityManager, 'query'>,
    scope: PurgeScope,
    heap: HeapLayout,
    start: number,
  ): Promise<BlockBatchSizer> {
    const sizer = new BlockBatchSizer(this.batchSize, heap.rows_per_block);
    const end = Math.min(start + sizer.probeBlocks, heap.blocks);

    if (end > start) {
      const count = purgeQueries.countBlockRows(scope, start, end);
      const [{ rows }]: { rows: number }[] = await manager.query(count.sql, count.values);
      sizer.calibrate(rows, end - start);
    }

    return sizer;
  }

  /**
   * The candidates a hold kept in the blocks just purged. Whether to count is read just
   * before the delete: a subject block opened in between still protects its records, it
   * only goes uncounted in that batch.
   */
  private async remaining(
    manager: Pick<EntityManager, 'query'>,
    scope: PurgeScope,
    start: number,
    end: number,
  ): Promise<number> {
    const count = purgeQueries.countLeafBlocks(scope, start, end);
    const [{ remaining }]: { remaining: number }[] = await manager.query(count.sql, count.values);
    return remaining;
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
