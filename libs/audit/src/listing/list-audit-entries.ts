import {
  AuditEntryView,
  listAuditEntries as listAuditEntriesContract,
  Page,
  RequestOf,
} from '@compliance/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { toAuditEntryView } from '../storage/audit-entry';
import { AuditEntryRow, fromAuditEntryRow } from '../storage/audit-entry-row';
import { COUNT_LISTED_ENTRIES, LIST_ENTRIES } from '../storage/audit-entry.queries';

/** The listing request once its contract has been checked and defaults applied. */
export type AuditEntryQuery = RequestOf<typeof listAuditEntriesContract>;

/**
 * One company's entries, newest first. The company comes from the caller's verified
 * context, never from the query. `from` is inclusive and `to` exclusive, so consecutive
 * windows never count an entry twice.
 */
export async function listAuditEntries(
  source: DataSource | EntityManager,
  companyId: string,
  query: AuditEntryQuery,
): Promise<Page<AuditEntryView>> {
  const filters = [
    companyId,
    query.actorId ?? null,
    query.action ?? null,
    query.resourceType ?? null,
    query.resourceId ?? null,
    query.from ?? null,
    query.to ?? null,
  ];

  const [{ total }] = await source.query<{ total: string }[]>(COUNT_LISTED_ENTRIES, filters);
  const page = [...filters, query.limit, query.offset];
  const rows = await source.query<AuditEntryRow[]>(LIST_ENTRIES, page);

  return {
    items: rows.map((row) => toAuditEntryView(fromAuditEntryRow(row))),
    total: Number(total),
    limit: query.limit,
    offset: query.offset,
  };
}
