/** Hand-written SQL of the policy service's scheduled jobs, in one place. */
export const POLICY_MAINTENANCE_QUERIES = {
  /** $1 job, $2 period: a row back means this caller claimed the run. */
  claimJobRun: `
    INSERT INTO policy.job_runs (job, run_key) VALUES ($1, $2)
    ON CONFLICT DO NOTHING RETURNING job`,
} as const;
