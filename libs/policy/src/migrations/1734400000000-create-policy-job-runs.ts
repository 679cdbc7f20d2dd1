import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runs of the policy service's scheduled jobs, one row per job and period, so that of
 * several replicas ticking together only the one that inserts the row does the work. The
 * index lets the daily pruning find old transfer checks without reading every company's.
 */
export class CreatePolicyJobRuns1734400000000 implements MigrationInterface {
  name = 'CreatePolicyJobRuns1734400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE policy.job_runs (
        job text NOT NULL,
        run_key text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, run_key)
      )`);
    await runner.query(
      'CREATE INDEX transfer_checks_checked_at_idx ON policy.transfer_checks (checked_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX policy.transfer_checks_checked_at_idx');
    await runner.query('DROP TABLE policy.job_runs');
  }
}
