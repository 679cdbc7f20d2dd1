/**
 * Every statement on `auth.api_keys`, tested on real PostgreSQL and PGlite by the store's
 * integration specs. No statement returns `key_hash` except the one `verify` needs.
 */
const SUMMARY_COLUMNS = `id, prefix, company_id, name, scopes, created_by, created_at,
  last_used_at, revoked_at`;

export const INSERT_API_KEY = `
  INSERT INTO auth.api_keys (company_id, name, prefix, key_hash, scopes, created_by)
  VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING ${SUMMARY_COLUMNS}`;

/** `stale` is computed on the database clock, the same clock that wrote `last_used_at`. */
export const FIND_API_KEY_BY_PREFIX = `
  SELECT ${SUMMARY_COLUMNS}, key_hash,
    (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
  FROM auth.api_keys
  WHERE prefix = $1`;

/** The condition repeats, so two concurrent requests do not both write. */
export const TOUCH_API_KEY = `
  UPDATE auth.api_keys SET last_used_at = now()
  WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;

export const LIST_API_KEYS = `
  SELECT ${SUMMARY_COLUMNS}
  FROM auth.api_keys
  WHERE company_id = $1
  ORDER BY created_at DESC, id`;

/** Revoking twice keeps the first time, so the answer does not depend on earlier calls. */
export const REVOKE_API_KEY = `
  UPDATE auth.api_keys SET revoked_at = coalesce(revoked_at, now())
  WHERE id = $1 AND company_id = $2
  RETURNING ${SUMMARY_COLUMNS}`;

export interface ApiKeyRow {
  id: string;
  prefix: string;
  company_id: string;
  name: string;
  scopes: string[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ApiKeyLookupRow extends ApiKeyRow {
  key_hash: string;
  stale: boolean;
}
