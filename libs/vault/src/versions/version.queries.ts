/** Every query on `vault.secret_versions`. Versions are never updated but for their state. */

const VERSION_COLUMNS = `id, secret_id, company_id, version, value_ciphertext, status,
  is_current, readable_until, created_by, created_at`;

export const NEXT_VERSION_NUMBER = `
  SELECT COALESCE(max(version), 0) + 1 AS next FROM vault.secret_versions WHERE secret_id = $1`;

export const INSERT_VERSION = `
  INSERT INTO vault.secret_versions (id, secret_id, company_id, version, value_ciphertext,
    status, is_current, created_by)
  VALUES ($1, $2, $3, $4, $5, 'enabled', false, $6)
  RETURNING ${VERSION_COLUMNS}`;

/** The outgoing current version stays readable by services until `$2`. */
export const DEMOTE_CURRENT = `
  UPDATE vault.secret_versions SET is_current = false, readable_until = $2
  WHERE secret_id = $1 AND is_current RETURNING version`;

export const PROMOTE_VERSION = `
  UPDATE vault.secret_versions SET is_current = true, readable_until = NULL
  WHERE secret_id = $1 AND version = $2 AND status = 'enabled'
  RETURNING ${VERSION_COLUMNS}`;

export const SELECT_VERSION = `
  SELECT ${VERSION_COLUMNS} FROM vault.secret_versions WHERE secret_id = $1 AND version = $2`;

export const SELECT_CURRENT_VERSION = `
  SELECT ${VERSION_COLUMNS} FROM vault.secret_versions WHERE secret_id = $1 AND is_current`;

export const LIST_VERSIONS = `
  SELECT ${VERSION_COLUMNS} FROM vault.secret_versions WHERE secret_id = $1 ORDER BY version DESC`;

export const SET_VERSION_STATUS = `
  UPDATE vault.secret_versions SET status = $3
  WHERE secret_id = $1 AND version = $2 AND NOT is_current AND status <> 'destroyed'
  RETURNING ${VERSION_COLUMNS}`;

/** The value is gone for good; the row stays as the record that it existed. */
export const DESTROY_VERSION = `
  UPDATE vault.secret_versions SET status = 'destroyed', value_ciphertext = NULL,
    readable_until = NULL
  WHERE secret_id = $1 AND version = $2 AND NOT is_current
  RETURNING ${VERSION_COLUMNS}`;

export const DESTROY_ALL_VERSIONS = `
  UPDATE vault.secret_versions SET status = 'destroyed', value_ciphertext = NULL,
    is_current = false, readable_until = NULL
  WHERE secret_id = $1`;

/** Values a data key version still seals, found by the prefix its ciphertexts share. */
export const COUNT_VALUES_WITH_PREFIX = `
  SELECT count(*)::int AS count FROM vault.secret_versions
  WHERE company_id = $1 AND value_ciphertext LIKE $2 || '%'`;

export const PAGE_OF_VALUES = `
  SELECT id, company_id, value_ciphertext FROM vault.secret_versions
  WHERE value_ciphertext IS NOT NULL AND ($1::uuid IS NULL OR company_id = $1)
    AND ($2::uuid IS NULL OR id > $2)
  ORDER BY id LIMIT $3`;

/** Compare and set: a value changed since it was read is left alone. */
export const REPLACE_VALUE = `
  UPDATE vault.secret_versions SET value_ciphertext = $3 WHERE id = $1 AND value_ciphertext = $2`;

export const COMPANIES_WITH_VALUES = `
  SELECT DISTINCT company_id FROM vault.secret_versions
  WHERE value_ciphertext IS NOT NULL ORDER BY company_id`;
