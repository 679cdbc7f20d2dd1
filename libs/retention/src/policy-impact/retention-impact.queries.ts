/**
 * The company's active hand-made policies on an entity. Applying policies never touches
 * them, so under either set of compliance policies they still keep records longer.
 */
export const SELECT_HAND_MADE_RULES = `
  SELECT company_id, conditions, date_field, method, period_days, soft_delete_column
  FROM retention.policies
  WHERE company_id = $1 AND entity = $2 AND active AND source_rule_id IS NULL`;
