import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An exported report, rendered once and kept for a while in pages that each fit a bus
 * message, so the gateway can stream a report of any size and every page comes from the
 * same moment as the hash that was recorded.
 */
export class CreateReportExports1733900003400 implements MigrationInterface {
  name = 'CreateReportExports1733900003400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE access_review.report_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        review_id uuid NOT NULL REFERENCES access_review.reviews (id),
        format text NOT NULL CHECK (format IN ('json', 'csv')),
        content_hash text NOT NULL,
        bytes bigint NOT NULL,
        pages integer NOT NULL,
        generated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX report_exports_expiry_idx ON access_review.report_exports (expires_at)',
    );
    await runner.query(`
      CREATE TABLE access_review.report_export_pages (
        export_id uuid NOT NULL REFERENCES access_review.report_exports (id) ON DELETE CASCADE,
        page integer NOT NULL,
        content text NOT NULL,
        PRIMARY KEY (export_id, page)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DROP TABLE access_review.report_export_pages, access_review.report_exports',
    );
  }
}
