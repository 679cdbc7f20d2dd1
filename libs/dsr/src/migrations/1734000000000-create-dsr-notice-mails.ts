import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mails beside deadline notices and extension notices, one row each so a notice is
 * mailed once and a failed mail is tried again, and the company's sealed contact address.
 */
export class CreateDsrNoticeMails1734000000000 implements MigrationInterface {
  name = 'CreateDsrNoticeMails1734000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dsr.notice_contacts (
        company_id uuid PRIMARY KEY,
        email_sealed text NOT NULL,
        email_masked text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE dsr.notice_mails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        request_id uuid NOT NULL REFERENCES dsr.requests (id),
        kind text NOT NULL CHECK (kind IN ('due_in_7_days', 'due_in_3_days', 'due_in_1_day',
          'overdue', 'extension')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent',
          'recorded', 'no_address', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        claimed_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, kind)
      )`);
    await runner.query(`
      CREATE INDEX notice_mails_unsent_idx ON dsr.notice_mails (created_at)
        WHERE status IN ('pending', 'sending', 'failed')`);
    await runner.query('ALTER TABLE dsr.requests ADD COLUMN extension_notified_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dsr.requests DROP COLUMN extension_notified_at');
    await runner.query('DROP TABLE dsr.notice_mails, dsr.notice_contacts');
  }
}
