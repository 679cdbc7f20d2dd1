import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each company's archives go, as its residency placement said when last applied. */
export class CreateArchivePlacements1734500000000 implements MigrationInterface {
  name = 'CreateArchivePlacements1734500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE retention.archive_placements (
        company_id uuid PRIMARY KEY,
        region text NOT NULL,
        storage_prefix text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE retention.archive_placements');
  }
}
