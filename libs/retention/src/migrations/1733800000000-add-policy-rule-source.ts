import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A retention policy an applied compliance policy created names the rule it came from,
 * so applying the next version updates that policy instead of adding another.
 */
export class AddPolicyRuleSource1733800000000 implements MigrationInterface {
  name = 'AddPolicyRuleSource1733800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE retention.policies ADD COLUMN source_rule_id text');
    await runner.query(`
      CREATE UNIQUE INDEX retention_policies_source_rule
        ON retention.policies (company_id, source_policy_id, source_rule_id)
        WHERE source_rule_id IS NOT NULL
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX retention.retention_policies_source_rule');
    await runner.query('ALTER TABLE retention.policies DROP COLUMN source_rule_id');
  }
}
