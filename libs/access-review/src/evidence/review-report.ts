import { createHash } from 'node:crypto';

import { canonicalJson } from '@compliance/audit';
import { AccessReview, StaleAccessItem } from '@compliance/contracts';

export interface SnapshotRole {
  role: string;
  grantedBy: string | null;
  grantedAt: string | null;
  lastUsedAt: string | null;
}

export interface SnapshotUser {
  userId: string;
  managerId: string | null;
  createdAt: string | null;
  deactivatedAt: string | null;
  lastActiveAt: string | null;
  roles: SnapshotRole[];
}

export interface ReviewReport {
  review: AccessReview;
  reviewers: { reviewerId: string; items: number; decided: number }[];
  snapshot: SnapshotUser[];
  items: StaleAccessItem[];
  /**
   * Items nobody may review: the user has no active manager and no other admin exists.
   * Listed apart so the gap is seen and fixed, not mistaken for work in progress.
   */
  unassigned: { items: number; itemIds: string[] };
}

export function unassignedItems(items: StaleAccessItem[]): ReviewReport['unassigned'] {
  const itemIds = items.filter((item) => item.reviewerId === null).map((item) => item.id);

  return { items: itemIds.length, itemIds };
}

/**
 * The report as it is handed over: its canonical JSON (keys sorted at every depth, no
 * whitespace, values as JSON.stringify writes them) or its CSV. The hash is over this text.
 */
export function reportText(report: ReviewReport, format: 'json' | 'csv'): string {
  return format === 'csv' ? reportCsv(report) : canonicalJson(report);
}

/** SHA-256 of the canonical JSON, so the same evidence always hashes the same. */
export function reportHash(report: ReviewReport): string {
  return textHash(reportText(report, 'json'));
}

/** SHA-256 of the text's UTF-8 bytes, in hex. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const CSV_HEADER = [
  'record',
  'review_id',
  'period',
  'user_id',
  'role',
  'granted_by',
  'granted_at',
  'last_used_at',
  'last_active_at',
  'deactivated_at',
  'manager_id',
  'item_id',
  'reasons',
  'reviewer_id',
  'decision',
  'justification',
  'decided_by',
  'decided_at',
  'automatic',
  'escalated_at',
  'revocation_status',
  'revocation_requested_at',
  'revocation_confirmed_at',
];

/**
 * One CSV for the auditor: a `snapshot` row per role held when the campaign opened (a
 * user with none gets one row with an empty role), then an `item` row per reviewed item.
 */
export function reportCsv(report: ReviewReport): string {
  const { id, period } = report.review;
  const rows: (string | null | boolean)[][] = [CSV_HEADER];

  for (const user of report.snapshot) {
    const roles = user.roles.length > 0 ? user.roles : [undefined];

    for (const role of roles) {
      rows.push([
        'snapshot',
        id,
        period,
        user.userId,
        role?.role ?? '',
        role?.grantedBy ?? '',
        role?.grantedAt ?? '',
        role?.lastUsedAt ?? '',
        user.lastActiveAt,
        user.deactivatedAt,
        user.managerId,
        ...new Array<string>(12).fill(''),
      ]);
    }
  }

  for (const item of report.items) {
    rows.push([
      'item',
      id,
      period,
      item.userId,
      item.role,
      ...new Array<string>(6).fill(''),
      item.id,
      item.reasons.join(' '),
      item.reviewerId,
      item.decision,
      item.justification,
      item.decidedBy,
      item.decidedAt,
      item.decidedAutomatically,
      item.escalatedAt,
      item.revocationStatus,
      item.revocationRequestedAt,
      item.revocationConfirmedAt,
    ]);
  }

  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Quotes when needed, and defuses a leading =, +, - or @ so a spreadsheet opening the
 * file never runs a justification as a formula.
 */
export function csvCell(value: string | null | boolean | undefined): string {
  if (value === null || value === undefined) {
    return '';
  }

  let text = String(value);

  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }

  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
