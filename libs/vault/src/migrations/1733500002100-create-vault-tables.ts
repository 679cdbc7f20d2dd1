import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets, their immutable versions, the access log and the schedule's bookkeeping. One
 * current version per secret is enforced by the database, so no crash or race can leave
 * none or two.
 */
export class CreateVaultTables1733500002100 implements MigrationInterface {
  name = 'CreateVaultTables1733500002100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE vault.secrets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        owner_service text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        allowed_services text[] NOT NULL DEFAULT '{}',
        current_version integer NOT NULL DEFAULT 0,
        rotation_source text NOT NULL
          CHECK (rotation_source IN ('generated', 'supplied', 'external')),
        generator_length integer NOT NULL,
        generator_alphabet text NOT NULL,
        rotation_interval_days integer,
        next_rotation_at timestamptz,
        expires_at timestamptz,
        overlap_hours integer NOT NULL DEFAULT 24,
        rotation_requested_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )
    `);
    await runner.query(`
      CREATE UNIQUE INDEX secrets_company_name_key
        ON vault.secrets (company_id, name) WHERE deleted_at IS NULL
    `);
    await runner.query(`
      CREATE INDEX secrets_due_idx ON vault.secrets (next_rotation_at)
        WHERE deleted_at IS NULL AND next_rotation_at IS NOT NULL
    `);
    await runner.query(`
      CREATE TABLE vault.secret_versions (
        id uuid PRIMARY KEY,
        secret_id uuid NOT NULL REFERENCES vault.secrets (id) ON DELETE CASCADE,
        company_id uuid NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        value_ciphertext text,
        status text NOT NULL CHECK (status IN ('enabled', 'disabled', 'destroyed')),
        is_current boolean NOT NULL DEFAULT false,
        readable_until timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (secret_id, version),
        CHECK ((status = 'destroyed') = (value_ciphertext IS NULL)),
        CHECK (NOT (is_current AND status <> 'enabled'))
      )
    `);
    await runner.query(`
      CREATE UNIQUE INDEX secret_versions_one_current
        ON vault.secret_versions (secret_id) WHERE is_current
    `);
    await runner.query(`
      CREATE TABLE vault.secret_access_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        secret_id uuid,
        version integer,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        reason text,
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `);
    await runner.query(`
      CREATE INDEX secret_access_log_company_idx
        ON vault.secret_access_log (company_id, occurred_at DESC, id)
    `);
    await runner.query(`
      CREATE TABLE vault.expiry_notices (
        secret_id uuid NOT NULL REFERENCES vault.secrets (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        days_before integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (secret_id, expires_at, days_before)
      )
    `);
    await runner.query(`
      CREATE TABLE vault.schedule_runs (
        job text NOT NULL,
        run_key text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, run_key)
      )
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE vault.schedule_runs, vault.expiry_notices, vault.secret_access_log, ' +
        'vault.secret_versions, vault.secrets',
    );
  }
}
