import { GENESIS_HASH, computeEntryHash } from '../hashing/entry-hash';
import { AuditEntry } from '../storage/audit-entry';
import { ChainBreakReason } from './chain-verification';

export interface ChainBreak {
  /** The entry to show the operator: the one that does not belong, or where a gap opens. */
  entry: AuditEntry;
  reason: ChainBreakReason;
  detail: string;
}

/**
 * Checks one entry against the entry before it in sequence order (none for the first).
 * The order of the checks decides the reason: an entry slipped in between makes its
 * successor look renumbered, so insertion is recognised before content is compared.
 */
export function findChainBreak(
  previous: AuditEntry | undefined,
  entry: AuditEntry,
): ChainBreak | undefined {
  const expectedSequence = previous ? previous.sequence + 1 : 1;
  const expectedPreviousHash = previous ? previous.hash : GENESIS_HASH;

  if (previous && entry.sequence === previous.sequence) {
    return { entry, reason: 'entry_inserted', detail: `sequence ${entry.sequence} appears twice` };
  }

  if (
    previous &&
    entry.previousHash !== previous.hash &&
    entry.previousHash === previous.previousHash
  ) {
    const detail = `the next entry is chained past this one, to the entry before it`;
    return { entry: previous, reason: 'entry_inserted', detail };
  }

  if (entry.sequence !== expectedSequence) {
    const detail = `expected sequence ${expectedSequence}, found ${entry.sequence}`;
    return { entry, reason: 'entry_deleted', detail };
  }

  if (computeEntryHash(entry) !== entry.hash) {
    const detail = 'the stored hash does not match the content of the entry';
    return { entry, reason: 'content_edited', detail };
  }

  if (entry.previousHash !== expectedPreviousHash) {
    const detail = 'the previous hash does not match the entry before it';
    return { entry, reason: 'entry_deleted', detail };
  }

  return undefined;
}
