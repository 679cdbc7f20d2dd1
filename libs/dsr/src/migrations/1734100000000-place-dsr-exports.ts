import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports kept at the company's residency placement: one row per export records the
 * region and storage prefix it was placed at and when it expires, and stays once the
 * export is deleted, as the record of where it was. Parts now name their object in the
 * store; older parts keep their sealed text in the row.
 */
export class PlaceDsrExports1734100000000 implements MigrationInterface {
  name = 'PlaceDsrExports1734100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dsr.export_placements (
        request_id uuid PRIMARY KEY REFERENCES dsr.requests (id),
        company_id uuid NOT NULL,
        region text NOT NULL,
        storage_prefix text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await runner.query(`
      CREATE INDEX export_placements_expiry_idx ON dsr.export_placements (expires_at)
        WHERE deleted_at IS NULL`);
    await runner.query(`
      ALTER TABLE dsr.export_parts
        ADD COLUMN object_key text,
        ALTER COLUMN sealed DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dsr.export_parts DROP COLUMN object_key');
    await runner.query('DROP TABLE dsr.export_placements');
  }
}
