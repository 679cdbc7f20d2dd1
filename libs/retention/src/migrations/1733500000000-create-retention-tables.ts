import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policies, runs with their per-entity logs (which carry the resume cursor), previews a
 * run can be bound to, legal holds, the subjects a restriction or open request protects,
 * and the data maps of the modules whose records retention purges.
 */
export class CreateRetentionTables1733500000000 implements MigrationInterface {
  name = 'CreateRetentionTables1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE retention.data_maps (
        module text PRIMARY KEY,
        document jsonb NOT NULL,
        entities text[] NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await runner.query(`
      CREATE TABLE retention.policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        name text NOT NULL,
        entity text NOT NULL,
        period_days int NOT NULL CHECK (period_days > 0),
        date_field text NOT NULL,
        method text NOT NULL CHECK (method IN ('soft', 'hard', 'archive')),
        conditions jsonb NOT NULL DEFAULT '[]',
        schedule text NOT NULL DEFAULT '0 2 * * *',
        active boolean NOT NULL DEFAULT true,
        soft_delete_column text,
        version int NOT NULL DEFAULT 1,
        source_policy_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (company_id, name)
      )
    `);
    await runner.query(
      'CREATE INDEX retention_policies_entity ON retention.policies (company_id, entity)',
    );
    await runner.query(`
      CREATE TABLE retention.previews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        policy_id uuid NOT NULL REFERENCES retention.policies (id) ON DELETE CASCADE,
        policy_version int NOT NULL,
        cutoff timestamptz NOT NULL,
        matched bigint NOT NULL,
        entities jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await runner.query(`
      CREATE TABLE retention.runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        policy_id uuid NOT NULL REFERENCES retention.policies (id) ON DELETE CASCADE,
        policy_version int NOT NULL,
        trigger text NOT NULL,
        schedule_slot text,
        preview_id uuid REFERENCES retention.previews (id) ON DELETE SET NULL,
        cutoff timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'refused')),
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (policy_id, schedule_slot)
      )
    `);
    await runner.query(`
      CREATE TABLE retention.logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES retention.runs (id) ON DELETE CASCADE,
        company_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        policy_version int NOT NULL,
        entity text NOT NULL,
        status text NOT NULL DEFAULT 'running',
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        matched bigint NOT NULL DEFAULT 0,
        deleted bigint NOT NULL DEFAULT 0,
        archived bigint NOT NULL DEFAULT 0,
        skipped bigint NOT NULL DEFAULT 0,
        errors bigint NOT NULL DEFAULT 0,
        cursor_key text,
        batches int NOT NULL DEFAULT 0,
        archive_location text,
        UNIQUE (run_id, entity)
      )
    `);
    await runner.query(
      'CREATE INDEX retention_logs_company ON retention.logs (company_id, started_at DESC)',
    );
    await runner.query(`
      CREATE TABLE retention.legal_holds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        reason text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('subject', 'entity', 'filter')),
        subject_kind text,
        subject_value text,
        entity text,
        conditions jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        released_by text
      )
    `);
    await runner.query(
      `CREATE INDEX retention_active_holds ON retention.legal_holds (company_id, scope)
       WHERE released_at IS NULL`,
    );
    await runner.query(`
      CREATE TABLE retention.subject_blocks (
        company_id uuid NOT NULL,
        subject_kind text NOT NULL,
        subject_value text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('restriction', 'dsr')),
        source_id text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        PRIMARY KEY (company_id, reason, source_id, subject_kind, subject_value)
      )
    `);
    await runner.query(`
      CREATE VIEW retention.protected_subjects AS
        SELECT company_id, subject_kind, subject_value FROM retention.subject_blocks
         WHERE closed_at IS NULL
        UNION
        SELECT company_id, subject_kind, subject_value FROM retention.legal_holds
         WHERE scope = 'subject' AND released_at IS NULL
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP VIEW retention.protected_subjects');
    await runner.query(
      `DROP TABLE retention.subject_blocks, retention.legal_holds, retention.logs,
         retention.runs, retention.previews, retention.policies, retention.data_maps`,
    );
  }
}
