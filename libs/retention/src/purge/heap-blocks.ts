/**
 * A purge that walks a table's heap in block order keeps its cursor in the same text
 * column as a key cursor: `block:<n>`, the first block the next batch reads.
 */
const PREFIX = 'block:';

/** At most this many rows fit in an 8 kB heap block (PostgreSQL's MaxHeapTuplesPerPage). */
const MAX_ROWS_PER_BLOCK = 291;

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
 * never measured) and is never exceeded; a batch that found too many shrinks the next,
 * one that found under half grows it back, since expired rows cluster unevenly.
 */
export class BlockBatchSizer {
  private readonly ceiling: number;
  private current: number;

  constructor(
    private readonly batchSize: number,
    rowsPerBlock: number | null,
  ) {
    const density = rowsPerBlock && rowsPerBlock > 0 ? rowsPerBlock : MAX_ROWS_PER_BLOCK;
    this.ceiling = Math.max(1, Math.floor(batchSize / Math.min(density, MAX_ROWS_PER_BLOCK)));
    this.current = this.ceiling;
  }

  get blocks(): number {
    return this.current;
  }

  /** Takes in how many candidates the last batch's blocks held. */
  observe(candidates: number): void {
    if (candidates > this.batchSize) {
      this.current = Math.max(1, Math.floor((this.current * this.batchSize) / candidates));
    } else if (candidates < this.batchSize / 2) {
      this.current = Math.min(this.ceiling, this.current * 2);
    }
  }
}
