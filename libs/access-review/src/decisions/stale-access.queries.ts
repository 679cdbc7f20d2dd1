const ITEM_COLUMNS = `
  id, review_id, user_id, role, reasons, reviewer_id, reviewer_source, decision, justification,
  decided_by, decided_at, decided_automatically, escalated_at, revocation_status,
  revocation_requested_at, revocation_confirmed_at, revocation_error`;

/**
 * A company's items, newest first, optionally of one campaign ($4) and in one state ($5):
 * `undecided`, `decided`, or `revocation-pending` (revoked, not yet confirmed).
 */
export const SELECT_ITEMS = `
  SELECT ${ITEM_COLUMNS}, count(*) OVER ()::int AS total FROM access_review.review_items
  WHERE company_id = $1
    AND ($4::uuid IS NULL OR review_id = $4)
    AND ($5::text IS NULL
      OR ($5 = 'undecided' AND decision IS NULL)
      OR ($5 = 'decided' AND decision IS NOT NULL)
      OR ($5 = 'revocation-pending' AND revocation_status = 'pending'))
  ORDER BY created_at DESC, user_id, role
  LIMIT $2 OFFSET $3`;

export const SELECT_ITEM_FOR_UPDATE = `
  SELECT i.review_id, i.user_id, i.role, i.decision, i.reviewer_id, r.status AS review_status
  FROM access_review.review_items i
  JOIN access_review.reviews r ON r.id = i.review_id
  WHERE i.id = $1 AND i.company_id = $2
  FOR UPDATE OF i`;

export const SELECT_ITEM = `SELECT ${ITEM_COLUMNS} FROM access_review.review_items WHERE id = $1`;

export const DECIDE_ITEM = `
  UPDATE access_review.review_items SET decision = $2, justification = $3, decided_by = $4,
    decided_at = $5,
    revocation_status = CASE WHEN $2 = 'revoked' THEN 'pending' END,
    revocation_requested_at = CASE WHEN $2 = 'revoked' THEN $5::timestamptz END
  WHERE id = $1`;

/** The identity module's answer; only a pending revocation moves, so a replay is a no-op. */
export const CONFIRM_REVOCATION = `
  UPDATE access_review.review_items
  SET revocation_status = $3,
    revocation_confirmed_at = CASE WHEN $3 = 'confirmed' THEN $4::timestamptz END,
    revocation_error = $5
  WHERE id = $1 AND company_id = $2 AND revocation_status = 'pending'
  RETURNING review_id, user_id, role`;
