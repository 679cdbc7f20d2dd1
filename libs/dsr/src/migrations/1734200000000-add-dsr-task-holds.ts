import { MigrationInterface, QueryRunner } from 'typeorm';

/** What each erase and recheck task left in place under legal holds: counts and hold ids. */
export class AddDsrTaskHolds1734200000000 implements MigrationInterface {
  name = 'AddDsrTaskHolds1734200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dsr.tasks ADD COLUMN held jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dsr.tasks DROP COLUMN held');
  }
}
