/** Every query on `vault.secrets`; deleted secrets are invisible to all of them. */

const SECRET_COLUMNS = `id, company_id, name, description, owner_service, tags, allowed_services,
  current_version, rotation_source, generator_length, generator_alphabet,
  rotation_interval_days, next_rotation_at, expires_at, overlap_hours, rotation_requested_at,
  notify_email_sealed IS NOT NULL AS has_notify_email, created_at, updated_at`;

/** The id comes from the caller: the sealed contact address is bound to it. */
export const INSERT_SECRET = `
  INSERT INTO vault.secrets (company_id, name, description, owner_service, tags,
    allowed_services, rotation_source, generator_length, generator_alphabet,
    rotation_interval_days, next_rotation_at, expires_at, overlap_hours, id, notify_email_sealed)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
    CASE WHEN $10::integer IS NULL THEN NULL ELSE now() + make_interval(days => $10::integer) END,
    $11, $12, $13, $14)
  RETURNING ${SECRET_COLUMNS}`;

export const SELECT_SECRET = `
  SELECT ${SECRET_COLUMNS} FROM vault.secrets
  WHERE id = $1 AND company_id = $2 AND deleted_at IS NULL`;

/** Serialises rotations, rollbacks and version changes of one secret. */
export const LOCK_SECRET = `${SELECT_SECRET} FOR UPDATE`;

export const SELECT_SECRET_BY_NAME = `
  SELECT ${SECRET_COLUMNS} FROM vault.secrets
  WHERE company_id = $1 AND name = $2 AND deleted_at IS NULL`;

export const LIST_SECRETS = `
  SELECT ${SECRET_COLUMNS}, count(*) OVER () AS total FROM vault.secrets
  WHERE company_id = $1 AND deleted_at IS NULL
  ORDER BY name, id LIMIT $2 OFFSET $3`;

export const COUNT_SECRETS = `
  SELECT count(*)::int AS total FROM vault.secrets WHERE company_id = $1 AND deleted_at IS NULL`;

export const UPDATE_SECRET = `
  UPDATE vault.secrets SET description = $3, owner_service = $4, tags = $5,
    allowed_services = $6, rotation_source = $7, generator_length = $8, generator_alphabet = $9,
    rotation_interval_days = $10,
    next_rotation_at = CASE
      WHEN $10::integer IS NULL THEN NULL
      WHEN rotation_interval_days IS DISTINCT FROM $10::integer
        THEN now() + make_interval(days => $10::integer)
      ELSE next_rotation_at END,
    expires_at = $11, overlap_hours = $12,
    notify_email_sealed = CASE WHEN $13::boolean THEN $14 ELSE notify_email_sealed END,
    updated_at = now()
  WHERE id = $1 AND company_id = $2 AND deleted_at IS NULL
  RETURNING ${SECRET_COLUMNS}`;

export const SOFT_DELETE_SECRET = `
  UPDATE vault.secrets SET deleted_at = now(), updated_at = now()
  WHERE id = $1 AND company_id = $2 AND deleted_at IS NULL RETURNING id`;

/** After a new current version: the next due date counts from now. */
export const MARK_SECRET_CURRENT = `
  UPDATE vault.secrets SET current_version = $2, rotation_requested_at = NULL,
    next_rotation_at = CASE WHEN rotation_interval_days IS NULL THEN NULL
      ELSE now() + make_interval(days => rotation_interval_days) END,
    updated_at = now()
  WHERE id = $1
  RETURNING ${SECRET_COLUMNS}`;

export const MARK_ROTATION_REQUESTED = `
  UPDATE vault.secrets SET rotation_requested_at = now(), updated_at = now() WHERE id = $1
  RETURNING ${SECRET_COLUMNS}`;

/** The sealed contact of a secret whose expiry notice is being mailed. */
export const SELECT_NOTIFY_CONTACT = `
  SELECT name, notify_email_sealed FROM vault.secrets
  WHERE id = $1 AND company_id = $2 AND deleted_at IS NULL`;
