/** The first replica to insert the row does the run; the others see no row returned. */
export const CLAIM_RUN = `
  INSERT INTO vault.schedule_runs (job, run_key) VALUES ($1, $2)
  ON CONFLICT DO NOTHING RETURNING job`;

export const SELECT_DUE_SECRETS = `
  SELECT id, company_id FROM vault.secrets
  WHERE deleted_at IS NULL AND next_rotation_at <= $1
  ORDER BY next_rotation_at, id`;

export const SELECT_EXPIRING_SECRETS = `
  SELECT id, company_id, name, expires_at FROM vault.secrets
  WHERE deleted_at IS NULL AND expires_at IS NOT NULL AND expires_at > $1
    AND expires_at <= $1 + interval '30 days'
  ORDER BY expires_at, id`;

/** Each warning goes out once per secret, expiry date and threshold. */
export const CLAIM_EXPIRY_NOTICE = `
  INSERT INTO vault.expiry_notices (secret_id, expires_at, days_before, mail_status)
  VALUES ($1, $2, $3, 'pending')
  ON CONFLICT DO NOTHING RETURNING secret_id`;

export const FINISH_EXPIRY_MAIL = `
  UPDATE vault.expiry_notices SET mail_status = $4, mailed_at = now()
  WHERE secret_id = $1 AND expires_at = $2 AND days_before = $3`;

/**
 * Mails that failed, or whose sender stopped before saying how it went, while the expiry
 * they announce is still ahead. Runs are claimed per day, so no run is sending these now.
 */
export const SELECT_UNSENT_EXPIRY_MAILS = `
  SELECT n.secret_id, s.company_id, n.expires_at, n.days_before
  FROM vault.expiry_notices n JOIN vault.secrets s ON s.id = n.secret_id
  WHERE n.mail_status IN ('failed', 'pending') AND n.expires_at > $1
    AND s.deleted_at IS NULL AND s.expires_at = n.expires_at
  ORDER BY n.expires_at, n.secret_id`;
