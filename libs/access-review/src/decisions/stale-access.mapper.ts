import { StaleAccessItem } from '@compliance/contracts';

export interface ItemRow {
  id: string;
  review_id: string;
  user_id: string;
  role: string;
  reasons: StaleAccessItem['reasons'];
  reviewer_id: string | null;
  reviewer_source: StaleAccessItem['reviewerSource'];
  decision: StaleAccessItem['decision'];
  justification: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  decided_automatically: boolean;
  escalated_at: Date | null;
  revocation_status: StaleAccessItem['revocationStatus'];
  revocation_requested_at: Date | null;
  revocation_confirmed_at: Date | null;
  revocation_error: string | null;
}

export function toStaleAccessItem(row: ItemRow): StaleAccessItem {
  return {
    id: row.id,
    reviewId: row.review_id,
    userId: row.user_id,
    role: row.role,
    reasons: row.reasons,
    reviewerId: row.reviewer_id,
    reviewerSource: row.reviewer_source,
    decision: row.decision,
    justification: row.justification,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedAutomatically: row.decided_automatically,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    revocationStatus: row.revocation_status,
    revocationRequestedAt: row.revocation_requested_at?.toISOString() ?? null,
    revocationConfirmedAt: row.revocation_confirmed_at?.toISOString() ?? null,
    revocationError: row.revocation_error,
  };
}
