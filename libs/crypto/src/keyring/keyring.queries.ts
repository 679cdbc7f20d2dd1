/**
 * Every hand-written statement on the `crypto` schema, named. Values always travel as
 * parameters; the integration specs run each on PostgreSQL and PGlite.
 */

// The local provider's root: salt, derivation and a check value, one row per provider.

export const INSERT_LOCAL_KEYRING = `
  INSERT INTO crypto.local_keyring (provider_id, kdf, kdf_iterations, salt, generated_key)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (provider_id) DO NOTHING`;

export const FIND_LOCAL_KEYRING = `
  SELECT provider_id, kdf, kdf_iterations, salt, check_value, generated_key
  FROM crypto.local_keyring
  WHERE provider_id = $1`;

/** The first process to derive the root records its check value; later ones compare. */
export const SET_LOCAL_KEYRING_CHECK = `
  UPDATE crypto.local_keyring SET check_value = $2
  WHERE provider_id = $1 AND check_value IS NULL`;

export const INSERT_FIRST_KEK_VERSION = `
  INSERT INTO crypto.kek_versions (provider_id, version) VALUES ($1, 1)
  ON CONFLICT DO NOTHING`;

/** Two rotations at once add one version: the loser's insert conflicts and adds nothing. */
export const ADD_KEK_VERSION = `
  INSERT INTO crypto.kek_versions (provider_id, version)
  SELECT $1, coalesce(max(version), 0) + 1 FROM crypto.kek_versions WHERE provider_id = $1
  ON CONFLICT DO NOTHING`;

export const CURRENT_KEK_VERSION = `
  SELECT coalesce(max(version), 0)::int AS version
  FROM crypto.kek_versions
  WHERE provider_id = $1`;

// Key sets: one per company and purpose, and one per data subject that has its own key.

const KEY_SET_COLUMNS = `id, company_id, subject_id, purpose, min_version, destroyed_at`;

/** $1 company, $2 subject or null, $3 purpose. Racing creators end with the one row. */
export const INSERT_KEY_SET = `
  INSERT INTO crypto.key_sets (company_id, subject_id, purpose) VALUES ($1, $2, $3)
  ON CONFLICT ON CONSTRAINT key_sets_scope_key DO NOTHING`;

export const FIND_KEY_SET = `
  SELECT ${KEY_SET_COLUMNS} FROM crypto.key_sets
  WHERE company_id = $1 AND subject_id IS NOT DISTINCT FROM $2 AND purpose = $3`;

export const FIND_KEY_SET_BY_ID = `
  SELECT ${KEY_SET_COLUMNS} FROM crypto.key_sets WHERE id = $1`;

/** Every company with a data key, its own or a data subject's; live subject sets counted. */
export const LIST_DATA_KEY_COMPANIES = `
  SELECT company_id,
    count(*) FILTER (WHERE subject_id IS NULL)::int AS company_key_sets,
    count(*) FILTER (WHERE subject_id IS NOT NULL AND destroyed_at IS NULL)::int
      AS subject_key_sets
  FROM crypto.key_sets
  WHERE purpose = 'data'
  GROUP BY company_id
  ORDER BY company_id`;

// Data keys: the versions of a key set, each wrapped by a KEK.

const DATA_KEY_COLUMNS = `d.id, d.key_set_id, d.company_id, d.subject_id, s.purpose, d.version,
  d.kek_provider, d.kek_version, d.wrapped_key, d.encryption_count`;

export const CURRENT_DATA_KEY = `
  SELECT ${DATA_KEY_COLUMNS}
  FROM crypto.data_keys d JOIN crypto.key_sets s ON s.id = d.key_set_id
  WHERE d.key_set_id = $1
  ORDER BY d.version DESC
  LIMIT 1`;

export const FIND_DATA_KEY = `
  SELECT ${DATA_KEY_COLUMNS}
  FROM crypto.data_keys d JOIN crypto.key_sets s ON s.id = d.key_set_id
  WHERE d.key_set_id = $1 AND d.version = $2`;

/**
 * $1 key set, $2 version, $3 KEK provider, $4 KEK version, $5 wrapped key. Adds nothing
 * when the version exists (a racing process made it first) or the set was destroyed;
 * FOR SHARE makes a concurrent destruction wait for this insert, then delete its key.
 */
export const INSERT_DATA_KEY = `
  INSERT INTO crypto.data_keys
    (key_set_id, company_id, subject_id, version, kek_provider, kek_version, wrapped_key)
  SELECT s.id, s.company_id, s.subject_id, $2, $3, $4, $5
  FROM crypto.key_sets s
  WHERE s.id = $1 AND s.destroyed_at IS NULL
  FOR SHARE
  ON CONFLICT ON CONSTRAINT data_keys_version_key DO NOTHING
  RETURNING id`;

/**
 * $1 data key, $2 encryptions to reserve, $3 the limit. Reserving before sealing keeps the
 * stored count an upper bound of every process's use, so no key ever passes the limit.
 */
export const RESERVE_ENCRYPTIONS = `
  UPDATE crypto.data_keys SET encryption_count = encryption_count + $2
  WHERE id = $1 AND encryption_count + $2 <= $3
  RETURNING encryption_count`;

export const LIST_DATA_KEY_VERSIONS = `
  SELECT version, kek_provider, kek_version, encryption_count, created_at, retired_at
  FROM crypto.data_keys
  WHERE key_set_id = $1
  ORDER BY version`;

/**
 * Data keys not under the current KEK, $1 company or null for all, $2 current provider,
 * $3 current KEK version, paged by id after $4, $5 at a time.
 */
export const LIST_KEYS_TO_REWRAP = `
  SELECT ${DATA_KEY_COLUMNS}
  FROM crypto.data_keys d JOIN crypto.key_sets s ON s.id = d.key_set_id
  WHERE ($1::uuid IS NULL OR d.company_id = $1::uuid)
    AND (d.kek_provider <> $2 OR d.kek_version < $3)
    AND d.id > $4::uuid
  ORDER BY d.id
  LIMIT $5`;

/** Only when the row is still under the KEK it was read with: a racing rewrap wins once. */
export const UPDATE_WRAPPED_KEY = `
  UPDATE crypto.data_keys
  SET wrapped_key = $2, kek_provider = $3, kek_version = $4, rewrapped_at = now()
  WHERE id = $1 AND kek_provider = $5 AND kek_version = $6`;

// Retirement and destruction.

/** $1 key set, $2 the lowest version that still decrypts. Never lowers it again. */
export const RAISE_MIN_VERSION = `
  UPDATE crypto.key_sets SET min_version = greatest(min_version, $2)
  WHERE id = $1
  RETURNING min_version`;

export const MARK_VERSIONS_RETIRED = `
  UPDATE crypto.data_keys SET retired_at = coalesce(retired_at, now())
  WHERE key_set_id = $1 AND version < $2`;

/**
 * $1 company, $2 subject. Marks the subject's key set destroyed, making a tombstone when
 * it has none yet, so a later value for the subject is refused rather than sealed under a
 * fresh key. Takes the row lock that INSERT_DATA_KEY waits on.
 */
export const MARK_SUBJECT_KEYS_DESTROYED = `
  INSERT INTO crypto.key_sets (company_id, subject_id, purpose, destroyed_at)
  VALUES ($1, $2, 'data', now())
  ON CONFLICT ON CONSTRAINT key_sets_scope_key
  DO UPDATE SET destroyed_at = coalesce(crypto.key_sets.destroyed_at, excluded.destroyed_at)
  RETURNING id`;

/** A separate statement after the lock, so it sees a key a racing insert just committed. */
export const DELETE_DATA_KEYS_OF_SET = `
  DELETE FROM crypto.data_keys WHERE key_set_id = $1`;
