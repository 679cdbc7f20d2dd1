/** Addresses still kept in clear (from before they were sealed), a batch at a time. */
export const SELECT_CLEAR_EMAILS = `
  SELECT company_id, user_id, email FROM access_review.users
  WHERE email IS NOT NULL
  ORDER BY company_id, user_id
  LIMIT $1`;

/** Seals one clear address, unless an event changed the row in the meantime. */
export const SEAL_CLEAR_EMAIL = `
  UPDATE access_review.users SET email_sealed = $4, email = NULL
  WHERE company_id = $1 AND user_id = $2 AND email = $3`;
