import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every transfer check, so a dry-run can replay recent traffic under a candidate policy.
 * Only the route is kept: no resource id and nothing else that could point at a person.
 */
export class AddTransferChecks1733900000000 implements MigrationInterface {
  name = 'AddTransferChecks1733900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE policy.transfer_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        category text NOT NULL,
        from_region text NOT NULL,
        to_region text NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX transfer_checks_company_idx ON policy.transfer_checks (company_id, checked_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE policy.transfer_checks');
  }
}
