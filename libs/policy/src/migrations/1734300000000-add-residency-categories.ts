import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per data category placements of the residency configuration; none for existing rows. */
export class AddResidencyCategories1734300000000 implements MigrationInterface {
  name = 'AddResidencyCategories1734300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE policy.data_residency ADD COLUMN categories jsonb NOT NULL DEFAULT '{}'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE policy.data_residency DROP COLUMN categories');
  }
}
