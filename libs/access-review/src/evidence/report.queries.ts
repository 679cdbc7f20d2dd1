export const SELECT_SNAPSHOT = `
  SELECT user_id, manager_id, created_at, deactivated_at, last_active_at, roles
  FROM access_review.review_snapshots WHERE review_id = $1 ORDER BY user_id`;

export const SELECT_REPORT_ITEMS = `
  SELECT id, review_id, user_id, role, reasons, reviewer_id, reviewer_source, decision,
    justification, decided_by, decided_at, decided_automatically, escalated_at,
    revocation_status, revocation_requested_at, revocation_confirmed_at, revocation_error
  FROM access_review.review_items WHERE review_id = $1 ORDER BY user_id, role`;

export const SELECT_REVIEWER_FIGURES = `
  SELECT reviewer_id, count(*)::int AS items, count(decision)::int AS decided
  FROM access_review.review_items WHERE review_id = $1 AND reviewer_id IS NOT NULL
  GROUP BY reviewer_id ORDER BY reviewer_id`;
