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
  INSERT INTO vault.expiry_notices (secret_id, expires_at, days_before) VALUES ($1, $2, $3)
  ON CONFLICT DO NOTHING RETURNING secret_id`;
