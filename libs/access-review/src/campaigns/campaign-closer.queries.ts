export const SELECT_UNDECIDED = `
  SELECT id, user_id, role, reviewer_id FROM access_review.review_items
  WHERE review_id = $1 AND decision IS NULL ORDER BY user_id, role`;

export const AUTO_REVOKE = `
  UPDATE access_review.review_items SET decision = 'revoked', decided_automatically = true,
    decided_by = 'system:review-policy', decided_at = $2, revocation_status = 'pending',
    revocation_requested_at = $2,
    justification = 'revoked by the review policy: undecided at the due date'
  WHERE review_id = $1 AND decision IS NULL
  RETURNING id, user_id, role`;

export const AUTO_KEEP = `
  UPDATE access_review.review_items SET decision = 'retained', decided_automatically = true,
    decided_by = 'system:review-policy', decided_at = $2,
    justification = 'kept by the review policy: undecided at the due date'
  WHERE review_id = $1 AND decision IS NULL
  RETURNING id`;

export const MARK_ESCALATED = `
  UPDATE access_review.review_items SET escalated_at = $2
  WHERE review_id = $1 AND decision IS NULL AND escalated_at IS NULL
  RETURNING id`;
