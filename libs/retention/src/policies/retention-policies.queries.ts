const COLUMNS = `id, company_id, name, entity, period_days, date_field, method, conditions,
  schedule, active, soft_delete_column, version, source_policy_id, created_at, updated_at`;

export const INSERT_POLICY = `
  INSERT INTO retention.policies (company_id, name, entity, period_days, date_field, method,
    conditions, schedule, active, soft_delete_column, source_policy_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
  RETURNING ${COLUMNS}`;

export const SELECT_POLICY = `
  SELECT ${COLUMNS} FROM retention.policies WHERE id = $1 AND company_id = $2`;

export const SELECT_POLICY_PAGE = `
  SELECT ${COLUMNS}, count(*) OVER () AS total FROM retention.policies
  WHERE company_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`;

/** Every change is a new version: a log names the version that ran. */
export const UPDATE_POLICY = `
  UPDATE retention.policies SET name = $3, period_days = $4, date_field = $5, method = $6,
    conditions = $7, schedule = $8, active = $9, soft_delete_column = $10,
    version = version + 1, updated_at = now()
  WHERE id = $1 AND company_id = $2
  RETURNING ${COLUMNS}`;

export const DELETE_POLICY = `
  DELETE FROM retention.policies WHERE id = $1 AND company_id = $2 RETURNING id`;

/** The company's other active rules on the entity: each may keep a record longer. */
export const SELECT_OTHER_ACTIVE_RULES = `
  SELECT ${COLUMNS} FROM retention.policies
  WHERE company_id = $1 AND entity = $2 AND active AND id <> $3`;

/** Active policies across companies, for the schedule and `--all-scheduled`. */
export const SELECT_SCHEDULED_POLICIES = `
  SELECT ${COLUMNS} FROM retention.policies WHERE active ORDER BY company_id, created_at, id`;

export const SELECT_POLICY_ANY_COMPANY = `SELECT ${COLUMNS} FROM retention.policies WHERE id = $1`;
