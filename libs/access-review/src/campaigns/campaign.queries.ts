/** Serialises starts of one company's period across replicas and processes. */
export const LOCK_PERIOD = `
  SELECT pg_advisory_xact_lock(hashtext('access-review:' || $1 || ':' || $2))`;

export const INSERT_REVIEW = `
  INSERT INTO access_review.reviews (company_id, period, status, trigger, started_by, opened_at,
    due_at, undecided_action)
  VALUES ($1, $2, 'open', $3, $4, $5, $6, $7)
  ON CONFLICT (company_id, period) DO NOTHING
  RETURNING id`;

export const SELECT_REVIEW_ID_BY_PERIOD = `
  SELECT id FROM access_review.reviews WHERE company_id = $1 AND period = $2`;

/** Every user the company has, with the roles they hold at this moment. */
export const INSERT_SNAPSHOT = `
  INSERT INTO access_review.review_snapshots (review_id, user_id, manager_id, created_at,
    deactivated_at, last_active_at, roles)
  SELECT $1, ids.user_id, u.manager_id, u.created_at, u.deactivated_at, u.last_active_at,
    COALESCE(held.roles, '[]'::jsonb)
  FROM (
    SELECT user_id FROM access_review.users WHERE company_id = $2
    UNION SELECT user_id FROM access_review.user_roles WHERE company_id = $2
  ) AS ids
  LEFT JOIN access_review.users u ON u.company_id = $2 AND u.user_id = ids.user_id
  LEFT JOIN (
    SELECT user_id, jsonb_agg(jsonb_build_object('role', role, 'grantedBy', granted_by,
      'grantedAt', granted_at, 'lastUsedAt', last_used_at) ORDER BY role) AS roles
    FROM access_review.user_roles
    WHERE company_id = $2 AND granted_at IS NOT NULL
      AND (revoked_at IS NULL OR granted_at > revoked_at)
    GROUP BY user_id
  ) AS held ON held.user_id = ids.user_id`;

export const INSERT_ITEMS = `
  INSERT INTO access_review.review_items (company_id, review_id, user_id, role, reasons,
    reviewer_id, reviewer_source)
  SELECT $1, $2, item.user_id, item.role, string_to_array(item.reasons, ','), item.reviewer_id,
    item.reviewer_source
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    AS item (user_id, role, reasons, reviewer_id, reviewer_source)`;

export const SELECT_REVIEWS = `
  SELECT * FROM access_review.reviews WHERE company_id = $1
  ORDER BY opened_at DESC, id LIMIT $2 OFFSET $3`;

export const COUNT_REVIEWS = `
  SELECT count(*)::int AS total FROM access_review.reviews WHERE company_id = $1`;

export const SELECT_REVIEW = `
  SELECT * FROM access_review.reviews WHERE id = $1 AND company_id = $2`;

/** Completion figures and reviewers of several campaigns at once. */
export const SELECT_COMPLETION = `
  SELECT review_id,
    count(*)::int AS items,
    count(decision)::int AS decided,
    count(*) FILTER (WHERE decision = 'revoked')::int AS revoked,
    count(*) FILTER (WHERE decision = 'retained')::int AS retained,
    count(*) FILTER (WHERE decision IS NULL AND escalated_at IS NOT NULL)::int AS escalated,
    count(*) FILTER (WHERE decided_automatically)::int AS decided_automatically,
    count(*) FILTER (WHERE revocation_status = 'pending')::int AS revocations_pending,
    count(*) FILTER (WHERE revocation_status = 'confirmed')::int AS revocations_confirmed,
    count(*) FILTER (WHERE revocation_status = 'failed')::int AS revocations_failed,
    COALESCE(array_agg(DISTINCT reviewer_id) FILTER (WHERE reviewer_id IS NOT NULL), '{}')
      AS reviewers
  FROM access_review.review_items WHERE review_id = ANY($1::uuid[])
  GROUP BY review_id`;

export const COUNT_SNAPSHOT_USERS = `
  SELECT review_id, count(*)::int AS users FROM access_review.review_snapshots
  WHERE review_id = ANY($1::uuid[]) GROUP BY review_id`;

export const UPDATE_DUE_AT = `
  UPDATE access_review.reviews SET due_at = $3
  WHERE id = $1 AND company_id = $2 AND status = 'open' RETURNING id`;

export const CANCEL_REVIEW = `
  UPDATE access_review.reviews SET status = 'cancelled', closed_at = $3
  WHERE id = $1 AND company_id = $2 AND status = 'open' RETURNING id`;

/** Open campaigns past their due date; a replica skips the ones another is closing. */
export const SELECT_DUE_REVIEWS_FOR_UPDATE = `
  SELECT * FROM access_review.reviews WHERE status = 'open' AND due_at <= $1
  ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`;

export const SELECT_OPEN_REVIEWS = `
  SELECT * FROM access_review.reviews WHERE status = 'open' ORDER BY due_at`;

export const CLOSE_REVIEW = `
  UPDATE access_review.reviews SET status = 'closed', closed_at = $2 WHERE id = $1`;
