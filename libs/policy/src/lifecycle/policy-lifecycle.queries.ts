/** Hand-written SQL of the policy lifecycle, in one place. */
export const POLICY_LIFECYCLE_QUERIES = {
  /** Serialises changes to one policy: two applies of the same policy cannot interleave. */
  lockPolicy: `
    SELECT id, name, status, current_version, active_version
    FROM policy.policies
    WHERE id = $1 AND company_id = $2
    FOR UPDATE`,

  activeDocuments: `
    SELECT p.id AS policy_id, p.active_version AS version, v.document
    FROM policy.policies p
    JOIN policy.policy_versions v ON v.policy_id = p.id AND v.version = p.active_version
    WHERE p.company_id = $1 AND p.status = 'active' AND p.active_version IS NOT NULL
    ORDER BY p.created_at, p.id`,

  insertLog: `
    INSERT INTO policy.policy_logs
      (company_id, policy_id, action, version, from_version, actor, changes)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,

  listLogs: `
    SELECT id, policy_id, action, version, from_version, actor, changes, created_at,
           count(*) OVER () AS total
    FROM policy.policy_logs
    WHERE company_id = $1
    ORDER BY created_at DESC, id
    LIMIT $2 OFFSET $3`,
} as const;
