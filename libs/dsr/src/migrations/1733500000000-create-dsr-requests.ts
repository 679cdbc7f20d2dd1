import { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests, their tasks per connector, connectors, settings, notices, exports, job runs. */
export class CreateDsrRequests1733500000000 implements MigrationInterface {
  name = 'CreateDsrRequests1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dsr.requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        type text NOT NULL,
        status text NOT NULL DEFAULT 'received',
        phase text,
        jurisdiction text NOT NULL,
        channel text NOT NULL,
        requester_name text,
        requester_relation text NOT NULL,
        identifiers jsonb NOT NULL,
        subject_key text NOT NULL,
        purposes jsonb NOT NULL DEFAULT '[]',
        changes jsonb,
        duplicate_of uuid,
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        extended_due_at timestamptz,
        extension_reason text,
        erased_at timestamptz,
        completed_at timestamptz,
        snapshot_shredded_at timestamptz,
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX requests_company_idx ON dsr.requests (company_id, created_at DESC)',
    );
    await runner.query(
      `CREATE INDEX requests_open_idx ON dsr.requests (company_id, subject_key, type)
       WHERE status IN ('received', 'verified', 'in_progress')`,
    );
    await runner.query(`
      CREATE TABLE dsr.tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES dsr.requests (id),
        company_id uuid NOT NULL,
        connector text NOT NULL,
        action text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 1,
        counts jsonb NOT NULL DEFAULT '{}',
        remaining integer,
        categories jsonb NOT NULL DEFAULT '[]',
        error text,
        dispatched_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, connector, action)
      )`);
    await runner.query(`
      CREATE TABLE dsr.connectors (
        company_id uuid NOT NULL,
        connector text NOT NULL,
        entities jsonb NOT NULL,
        categories jsonb NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, connector)
      )`);
    await runner.query(`
      CREATE TABLE dsr.settings (
        company_id uuid PRIMARY KEY,
        verification_required boolean NOT NULL DEFAULT true,
        time_zone text NOT NULL DEFAULT 'UTC',
        residency_location text NOT NULL DEFAULT 'default',
        export_ttl_hours integer NOT NULL DEFAULT 72,
        rollback_days integer NOT NULL DEFAULT 30,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE dsr.deadline_notices (
        request_id uuid NOT NULL REFERENCES dsr.requests (id),
        notice text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (request_id, notice)
      )`);
    await runner.query(`
      CREATE TABLE dsr.export_parts (
        request_id uuid NOT NULL REFERENCES dsr.requests (id),
        task_id uuid NOT NULL,
        entity text NOT NULL,
        sequence integer NOT NULL,
        company_id uuid NOT NULL,
        connector text NOT NULL,
        records integer NOT NULL,
        sealed text NOT NULL,
        location text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (request_id, task_id, entity, sequence)
      )`);
    await runner.query(`
      CREATE TABLE dsr.job_runs (
        job text NOT NULL,
        run_key text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, run_key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DROP TABLE dsr.job_runs, dsr.export_parts, dsr.deadline_notices, dsr.settings,
       dsr.connectors, dsr.tasks, dsr.requests`,
    );
  }
}
