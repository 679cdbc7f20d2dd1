import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Download links of exports: only a hash of each token is kept, so a leaked table
 * cannot be turned into downloads. A link is redeemed once and expires.
 */
export class CreateDsrExportDownloads1733800000000 implements MigrationInterface {
  name = 'CreateDsrExportDownloads1733800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dsr.export_downloads (
        token_hash text PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES dsr.requests (id),
        company_id uuid NOT NULL,
        format text NOT NULL,
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX export_downloads_expiry_idx ON dsr.export_downloads (expires_at)',
    );
    await runner.query('CREATE INDEX export_parts_expiry_idx ON dsr.export_parts (expires_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dsr.export_parts_expiry_idx');
    await runner.query('DROP TABLE dsr.export_downloads');
  }
}
