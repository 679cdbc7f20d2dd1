import { MigrationInterface, QueryRunner } from 'typeorm';

/** What applied policies decide for a company's requests: deadline, extension, enforcement. */
export class DsrSettingsFromPolicies1734300000000 implements MigrationInterface {
  name = 'DsrSettingsFromPolicies1734300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dsr.settings
        ADD COLUMN deadline_days integer CHECK (deadline_days > 0),
        ADD COLUMN extension_max_days integer CHECK (extension_max_days >= 0),
        ADD COLUMN enforcement text NOT NULL DEFAULT 'hard'
          CHECK (enforcement IN ('soft', 'hard'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dsr.settings DROP COLUMN deadline_days, DROP COLUMN extension_max_days,
        DROP COLUMN enforcement`);
  }
}
