import { createLogger } from '@compliance/logging';
import { DataSource, EntityManager } from 'typeorm';

import { AuditEntry } from '../storage/audit-entry';
import { AuditEntryRow, fromAuditEntryRow } from '../storage/audit-entry-row';
import { CHAIN_PAGE, NEXT_COMPANY } from '../storage/audit-entry.queries';
import { findChainBreak } from './chain-break';
import { ChainVerification, VerifyOptions } from './chain-verification';

const DEFAULT_PAGE_SIZE = 1000;

/** Sorts before every real entry, so the first page starts at the beginning. */
const BEFORE_FIRST = { sequence: 0, id: '00000000-0000-0000-0000-000000000000' };

const logger = createLogger('AuditChainVerifier');

type Queryable = DataSource | EntityManager;

interface CompanyRow {
  company_id: string;
}

/**
 * Walks each company's entries in sequence order, a page at a time, and names the first
 * entry that breaks the chain. Entries appended during the walk are checked too. A chain
 * whose newest entries were removed still verifies: that needs the head hash kept outside
 * the database.
 */
export async function verifyAuditChain(
  source: Queryable,
  options: VerifyOptions = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let companies = 0;
  let entries = 0;

  for await (const companyId of companiesToVerify(source, options.companyId)) {
    let previous: AuditEntry | undefined;

    for await (const entry of chainOf(source, companyId, pageSize)) {
      const broken = findChainBreak(previous, entry);

      if (broken) {
        const { id: entryId, sequence } = broken.entry;
        logger.warn({ companyId, sequence, entryId, reason: broken.reason }, 'audit chain broken');
        return {
          ok: false,
          companyId,
          sequence,
          entryId,
          reason: broken.reason,
          detail: broken.detail,
        };
      }

      previous = entry;
      entries++;
    }

    companies += previous ? 1 : 0;
  }

  logger.info({ companies, entries }, 'audit chain verified');
  return { ok: true, companies, entries };
}

async function* companiesToVerify(
  source: Queryable,
  only: string | undefined,
): AsyncGenerator<string> {
  if (only) {
    yield only;
    return;
  }

  let last: string | null = null;

  for (;;) {
    const rows: CompanyRow[] = await source.query<CompanyRow[]>(NEXT_COMPANY, [last]);

    if (rows.length === 0) {
      return;
    }

    last = rows[0].company_id;
    yield last;
  }
}

async function* chainOf(
  source: Queryable,
  companyId: string,
  pageSize: number,
): AsyncGenerator<AuditEntry> {
  let after = BEFORE_FIRST;

  for (;;) {
    const params = [companyId, after.sequence, after.id, pageSize];
    const rows = await source.query<AuditEntryRow[]>(CHAIN_PAGE, params);

    for (const row of rows) {
      yield fromAuditEntryRow(row);
    }

    if (rows.length < pageSize) {
      return;
    }

    const last = rows[rows.length - 1];
    after = { sequence: Number(last.sequence), id: last.id };
  }
}
