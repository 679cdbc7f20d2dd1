import { randomUUID } from 'node:crypto';

import { recordAudit } from '@compliance/audit';
import { DataSource } from 'typeorm';

import { updateReturning } from '../support/update-returning';
import {
  DELETE_EXPIRED_REPORT_EXPORTS_OF,
  SELECT_COMPANIES_WITH_EXPIRED_EXPORTS,
} from './report-export.queries';

const EXPIRY_ACTOR = { type: 'system', id: 'access-review-expiry' };

/**
 * Removes every company's exported reports past their time. They hold who has access to
 * what, so they must go even for a company that never exports again; the daily job calls
 * this. Answers how many exports were removed.
 */
export async function removeExpiredReportExports(
  dataSource: DataSource,
  now: Date,
): Promise<number> {
  const companies = await dataSource.query<{ company_id: string }[]>(
    SELECT_COMPANIES_WITH_EXPIRED_EXPORTS,
    [now],
  );
  let removed = 0;

  for (const { company_id: companyId } of companies) {
    removed += await removeExpiredReportExportsOf(dataSource, companyId, now);
  }

  return removed;
}

/**
 * One company's expired exports, pages and all, with one audit entry of counts in the
 * same transaction. A replica that races another deletes nothing and records nothing.
 */
export async function removeExpiredReportExportsOf(
  dataSource: DataSource,
  companyId: string,
  now: Date,
): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const removed = await updateReturning<{ pages: number }>(
      manager,
      DELETE_EXPIRED_REPORT_EXPORTS_OF,
      [companyId, now],
    );

    if (removed.length === 0) {
      return 0;
    }

    await recordAudit(manager, {
      companyId,
      actor: EXPIRY_ACTOR,
      action: 'access-review.report-exports-expired',
      resourceType: 'access-review-report',
      outcome: 'success',
      requestId: randomUUID(),
      details: {
        exports: removed.length,
        pages: removed.reduce((sum, row) => sum + row.pages, 0),
      },
    });
    return removed.length;
  });
}
