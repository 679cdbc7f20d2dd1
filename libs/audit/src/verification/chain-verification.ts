/**
 * Why a chain is broken, judged from the first entry that does not fit:
 * - `content_edited`: an entry's stored hash does not match its own content;
 * - `entry_deleted`: a sequence number is missing, or an entry is chained to something
 *   other than the entry before it;
 * - `entry_inserted`: a sequence number appears twice, or an entry sits between two
 *   entries that were chained to each other.
 */
export type ChainBreakReason = 'content_edited' | 'entry_deleted' | 'entry_inserted';

export interface VerifyOptions {
  /** Verify one company; all companies when absent. */
  companyId?: string;
  /** Entries read per query; the walk never holds more than one page. */
  pageSize?: number;
}

export type ChainVerification =
  | { ok: true; companies: number; entries: number }
  | {
      ok: false;
      companyId: string;
      sequence: number;
      entryId: string;
      reason: ChainBreakReason;
      /** What was expected and found, for the operator; holds no entry content. */
      detail: string;
    };
