import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePolicySchema1733300000000 implements MigrationInterface {
  name = 'CreatePolicySchema1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE policy.policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
        current_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (company_id, name)
      )`);
    await runner.query(`
      CREATE TABLE policy.policy_versions (
        policy_id uuid NOT NULL REFERENCES policy.policies (id),
        version integer NOT NULL,
        document text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (policy_id, version)
      )`);
    await runner.query(
      'CREATE INDEX policies_company_idx ON policy.policies (company_id, created_at)',
    );
    await createMessagingTables(runner, 'policy');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE policy.inbox, policy.outbox, policy.policy_versions, policy.policies',
    );
  }
}
