/** Reviewers who still have something to decide in a campaign, with how much. */
export const SELECT_PENDING_BY_REVIEWER = `
  SELECT reviewer_id, count(*)::int AS items FROM access_review.review_items
  WHERE review_id = $1 AND decision IS NULL AND reviewer_id IS NOT NULL
  GROUP BY reviewer_id ORDER BY reviewer_id`;

export const SELECT_SENT_KINDS = `
  SELECT reviewer_id, kind FROM access_review.notifications WHERE review_id = $1`;

/** Claims a mail before sending it: a row already there means it went out before. */
export const CLAIM_NOTIFICATION = `
  INSERT INTO access_review.notifications (company_id, review_id, reviewer_id, recipient_id,
    kind, status)
  VALUES ($1, $2, $3, $4, $5, 'sending')
  ON CONFLICT (review_id, reviewer_id, recipient_id, kind) DO NOTHING
  RETURNING id`;

/** A mail whose sending failed is claimed again by the next run. */
export const RECLAIM_FAILED = `
  UPDATE access_review.notifications SET status = 'sending', error = NULL
  WHERE review_id = $1 AND reviewer_id = $2 AND recipient_id = $3 AND kind = $4
    AND status = 'failed'
  RETURNING id`;

export const FINISH_NOTIFICATION = `
  UPDATE access_review.notifications SET status = $2, error = $3,
    sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE NULL END
  WHERE id = $1`;

/** Sealed addresses, or a clear one the start-up has not sealed yet. */
export const SELECT_EMAILS = `
  SELECT user_id, email_sealed, email FROM access_review.users
  WHERE company_id = $1 AND user_id = ANY($2::text[])
    AND (email_sealed IS NOT NULL OR email IS NOT NULL)`;

export const SELECT_MANAGERS = `
  SELECT u.user_id, u.manager_id FROM access_review.users u
  LEFT JOIN access_review.users m ON m.company_id = u.company_id AND m.user_id = u.manager_id
  WHERE u.company_id = $1 AND u.user_id = ANY($2::text[]) AND u.manager_id IS NOT NULL
    AND m.deactivated_at IS NULL`;

export const SELECT_REVIEW_FOR_MAIL = `
  SELECT id, company_id, period, opened_at, due_at, status FROM access_review.reviews
  WHERE id = $1`;
