import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request's identifiers and rectified values are sealed from now on: the changes move
 * to a sealed column, and the identifiers' blind indexes find a second open request for
 * the same subject. Rows written before keep their clear values until they are closed;
 * the service reads both forms.
 */
export class SealDsrSubjects1733700000000 implements MigrationInterface {
  name = 'SealDsrSubjects1733700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dsr.requests ADD COLUMN changes_sealed text,
      ADD COLUMN identifier_indexes text[] NOT NULL DEFAULT '{}'`);
    await runner.query(
      `CREATE INDEX requests_identifier_indexes_idx ON dsr.requests USING gin (identifier_indexes)
       WHERE status IN ('received', 'verified', 'in_progress')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dsr.requests_identifier_indexes_idx');
    await runner.query(
      'ALTER TABLE dsr.requests DROP COLUMN identifier_indexes, DROP COLUMN changes_sealed',
    );
  }
}
