export const INSERT_ACCESS_LOG = `
  INSERT INTO vault.secret_access_log (company_id, secret_id, version, action, outcome,
    actor_type, actor_id, reason, request_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  RETURNING id`;

export const LIST_ACCESS_LOG = `
  SELECT id, secret_id, version, action, outcome, actor_type, actor_id, reason, request_id,
    occurred_at
  FROM vault.secret_access_log
  WHERE company_id = $1 AND ($2::uuid IS NULL OR secret_id = $2)
  ORDER BY occurred_at DESC, id LIMIT $3 OFFSET $4`;

export const COUNT_ACCESS_LOG = `
  SELECT count(*)::int AS total FROM vault.secret_access_log
  WHERE company_id = $1 AND ($2::uuid IS NULL OR secret_id = $2)`;
