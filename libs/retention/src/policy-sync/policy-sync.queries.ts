const COLUMNS = `id, company_id, name, entity, period_days, date_field, method, conditions,
  schedule, active, soft_delete_column, version, source_policy_id, source_rule_id, created_at,
  updated_at`;

/** The retention policies the company's compliance policies created, live or retired. */
export const SELECT_SOURCED_POLICIES = `
  SELECT ${COLUMNS} FROM retention.policies
  WHERE company_id = $1 AND source_rule_id IS NOT NULL
  FOR UPDATE`;

/** A name a hand-made policy already took leaves the rule out (counted, not fatal). */
export const INSERT_SOURCED_POLICY = `
  INSERT INTO retention.policies (company_id, name, entity, period_days, date_field, method,
    conditions, source_policy_id, source_rule_id, soft_delete_column)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT DO NOTHING
  RETURNING ${COLUMNS}`;

/** A changed or revived rule is a new version of the same policy, active again. */
export const UPDATE_SOURCED_POLICY = `
  UPDATE retention.policies SET period_days = $3, date_field = $4, method = $5,
    conditions = $6, soft_delete_column = $7, active = true, version = version + 1,
    updated_at = now()
  WHERE id = $1 AND company_id = $2
  RETURNING ${COLUMNS}`;

/** A rule that left the active policies stops running; its logs keep naming it. */
export const DEACTIVATE_SOURCED_POLICY = `
  UPDATE retention.policies SET active = false, version = version + 1, updated_at = now()
  WHERE id = $1 AND company_id = $2`;
