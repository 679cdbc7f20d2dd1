import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPolicyLifecycle1733400000000 implements MigrationInterface {
  name = 'AddPolicyLifecycle1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE policy.policies ADD COLUMN active_version integer');
    await runner.query(`
      CREATE TABLE policy.policy_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        policy_id uuid NOT NULL REFERENCES policy.policies (id),
        action text NOT NULL,
        version integer NOT NULL,
        from_version integer,
        actor text NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX policy_logs_company_idx ON policy.policy_logs (company_id, created_at)',
    );
    await runner.query(`
      CREATE TABLE policy.data_residency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL UNIQUE,
        primary_region text NOT NULL,
        replication_regions jsonb NOT NULL DEFAULT '[]',
        storage_prefixes jsonb NOT NULL DEFAULT '{}',
        frameworks jsonb NOT NULL DEFAULT '[]',
        enforcement text NOT NULL CHECK (enforcement IN ('soft', 'hard')),
        block_cross_region_transfers boolean NOT NULL DEFAULT true,
        source text NOT NULL CHECK (source IN ('manual', 'policy')),
        policy_id uuid,
        policy_version integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE policy.data_residency, policy.policy_logs');
    await runner.query('ALTER TABLE policy.policies DROP COLUMN active_version');
  }
}
