const COLUMNS = `id, company_id, reason, scope, subject_kind, subject_value, entity, conditions,
  created_by, created_at, released_at`;

/**
 * Creating or releasing a hold takes this company's lock exclusively; every purge batch
 * takes it shared before reading the holds. A batch in flight therefore finishes before
 * a new hold commits, and every later batch sees it.
 */
export const LOCK_HOLDS_EXCLUSIVE = `
  SELECT pg_advisory_xact_lock(hashtextextended('retention-holds:' || $1::text, 0))`;
export const LOCK_HOLDS_SHARED = `
  SELECT pg_advisory_xact_lock_shared(hashtextextended('retention-holds:' || $1::text, 0))`;

export const INSERT_HOLD = `
  INSERT INTO retention.legal_holds (company_id, reason, scope, subject_kind, subject_value,
    entity, conditions, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING ${COLUMNS}`;

export const SELECT_HOLD = `
  SELECT ${COLUMNS} FROM retention.legal_holds WHERE id = $1 AND company_id = $2`;

export const SELECT_HOLD_PAGE = `
  SELECT ${COLUMNS}, count(*) OVER () AS total FROM retention.legal_holds
  WHERE company_id = $1 AND ($2 OR released_at IS NULL)
  ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`;

export const UPDATE_HOLD_REASON = `
  UPDATE retention.legal_holds SET reason = $3 WHERE id = $1 AND company_id = $2
  RETURNING ${COLUMNS}`;

export const RELEASE_HOLD = `
  UPDATE retention.legal_holds SET released_at = now(), released_by = $3
  WHERE id = $1 AND company_id = $2 AND released_at IS NULL
  RETURNING ${COLUMNS}`;

/** Active filter holds: compiled into each batch's statement. */
export const SELECT_ACTIVE_FILTER_HOLDS = `
  SELECT id, entity, conditions FROM retention.legal_holds
  WHERE company_id = $1 AND released_at IS NULL AND scope = 'filter'`;

export const SELECT_SUBJECT_HOLDS = `
  SELECT id FROM retention.legal_holds
  WHERE company_id = $1 AND released_at IS NULL AND scope = 'subject'
    AND subject_kind = $2 AND subject_value = $3`;

export const SELECT_ENTITY_HOLDS = `
  SELECT id FROM retention.legal_holds
  WHERE company_id = $1 AND released_at IS NULL AND scope = 'entity' AND entity = $2`;
