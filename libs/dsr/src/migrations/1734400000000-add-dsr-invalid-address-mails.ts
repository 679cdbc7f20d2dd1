import { MigrationInterface, QueryRunner } from 'typeorm';

/** A notice whose address is not one valid address is recorded as such, never sent. */
export class AddDsrInvalidAddressMails1734400000000 implements MigrationInterface {
  name = 'AddDsrInvalidAddressMails1734400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dsr.notice_mails DROP CONSTRAINT notice_mails_status_check,
        ADD CONSTRAINT notice_mails_status_check CHECK (status IN ('pending', 'sending', 'sent',
          'recorded', 'no_address', 'invalid_address', 'failed'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE dsr.notice_mails SET status = 'no_address'
      WHERE status = 'invalid_address'`);
    await runner.query(`
      ALTER TABLE dsr.notice_mails DROP CONSTRAINT notice_mails_status_check,
        ADD CONSTRAINT notice_mails_status_check CHECK (status IN ('pending', 'sending', 'sent',
          'recorded', 'no_address', 'failed'))`);
  }
}
