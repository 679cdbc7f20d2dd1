import { AccessReview, ReviewCompletion, UndecidedAction } from '@compliance/contracts';

export interface ReviewRow {
  id: string;
  company_id: string;
  period: string;
  status: AccessReview['status'];
  trigger: AccessReview['trigger'];
  started_by: string;
  opened_at: Date;
  due_at: Date;
  closed_at: Date | null;
  undecided_action: UndecidedAction;
}

export interface CompletionRow {
  review_id: string;
  items: number;
  decided: number;
  revoked: number;
  retained: number;
  escalated: number;
  decided_automatically: number;
  revocations_pending: number;
  revocations_confirmed: number;
  revocations_failed: number;
  reviewers: string[];
}

export function toCompletion(row: CompletionRow | undefined): ReviewCompletion {
  const items = row?.items ?? 0;
  const decided = row?.decided ?? 0;

  return {
    items,
    decided,
    revoked: row?.revoked ?? 0,
    retained: row?.retained ?? 0,
    undecided: items - decided,
    escalated: row?.escalated ?? 0,
    decidedAutomatically: row?.decided_automatically ?? 0,
    revocationsPending: row?.revocations_pending ?? 0,
    revocationsConfirmed: row?.revocations_confirmed ?? 0,
    revocationsFailed: row?.revocations_failed ?? 0,
    // A campaign with nothing to review is complete; one decimal is enough for a report.
    percentComplete: items === 0 ? 100 : Math.round((decided / items) * 1000) / 10,
  };
}

export function toAccessReview(
  row: ReviewRow,
  completion: CompletionRow | undefined,
  usersInSnapshot: number,
): AccessReview {
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    trigger: row.trigger,
    startedBy: row.started_by,
    openedAt: row.opened_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    undecidedAction: row.undecided_action,
    reviewers: [...(completion?.reviewers ?? [])].sort(),
    usersInSnapshot,
    completion: toCompletion(completion),
  };
}
