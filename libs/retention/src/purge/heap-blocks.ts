/**
 * A purge that walks a table's heap in block order keeps its cursor in the same text
 * column as a key cursor: `block:<n>`, the first block the next batch reads.
 */
const PREFIX = 'block:';

/** At most this many rows fit in an 8 kB heap block (PostgreSQL's MaxHeapTuplesPerPage). */
const MAX_ROWS_PER_BLOCK = 291;

/** The most blocks counted before a pass's first batch: 8 MB, read in a few milliseconds. */
const MAX_PROBE_BLOCKS = 1024;

export function blockCursor(block: number): string {
  return `${PREFIX}${block}`;
}

/** The block a cursor names; null for no cursor yet; undefined for a key cursor. */
export function parseBlockCursor(cursor: string | null): number | null | undefined {
  if (cursor === null) return null;
  if (!cursor.startsWith(PREFIX)) return undefined;

  const block = Number(cursor.slice(PREFIX.length));
  return Number.isSafeInteger(block) && block >= 0 ? block : undefined;
}

/**
 * How many blocks the next batch reads, so a batch holds about `batchSize` candidates.
 * The first guess comes from the table's average rows per block (the densest block when
 * never measured), raised by a count of the first blocks when those statistics are
 * stale, and is never exceeded; a batch that found too many shrinks the next, one that
 * found under half grows it back, since expired rows cluster unevenly.
 */
export class BlockBatchSizer {
  private density: number;
  private ceiling: number;
  private current: number;

  constructor(
    private readonly batchSize: number,
    rowsPerBlock: number | null,
  ) {
    this.density =
      rowsPerBlock && rowsPerBlock > 0
        ? Math.min(rowsPerBlock, MAX_ROWS_PER_BLOCK)
        : MAX_ROWS_PER_BLOCK;
    this.ceiling = this.blocksAt(this.density);
    this.current = this.ceiling;
  }

  get blocks(): number {
    return this.current;
  }

  /**
   * How many blocks to count before the first batch: those it would read, up to a cap.
   * None when the densest block is assumed already, as a count could only find fewer.
   */
  get probeBlocks(): number {
    return this.density < MAX_ROWS_PER_BLOCK ? Math.min(this.current, MAX_PROBE_BLOCKS) : 0;
  }

  /**
   * Takes in the rows counted in `blocks` blocks before the first batch. A table filled
   * since its last ANALYZE holds more than its statistics say, and a batch sized by them
   * would delete many times `batchSize` in one transaction. A count below them changes
   * nothing: the blocks past the probe may still be as dense as measured.
   */
  calibrate(rows: number, blocks: number): void {
    const counted = blocks > 0 ? rows / blocks : 0;

    if (counted <= this.density) return;

    this.density = Math.min(counted, MAX_ROWS_PER_BLOCK);
    this.ceiling = this.blocksAt(this.density);
    this.current = Math.min(this.current, this.ceiling);
  }

  /** Takes in how many candidates the last batch's blocks held. */
  observe(candidates: number): void {
    if (candidates > this.batchSize) {
      this.current = Math.max(1, Math.floor((this.current * this.batchSize) / candidates));
    } else if (candidates < this.batchSize / 2) {
      this.current = Math.min(this.ceiling, this.current * 2);
    }
  }

  private blocksAt(rowsPerBlock: number): number {
    return Math.max(1, Math.floor(this.batchSize / rowsPerBlock));
  }
}
