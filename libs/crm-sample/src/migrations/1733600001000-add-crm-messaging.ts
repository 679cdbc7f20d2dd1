import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The module reports its users' activity through an outbox of its own, so a crash between
 * the commit and the publish loses no login an access review would need.
 */
export class AddCrmMessaging1733600001000 implements MigrationInterface {
  name = 'AddCrmMessaging1733600001000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner, 'crm');
    await runner.query('ALTER TABLE crm.users ADD COLUMN last_active_at timestamptz');
    await runner.query('CREATE INDEX companies_company_idx ON crm.companies (company_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX crm.companies_company_idx');
    await runner.query('ALTER TABLE crm.users DROP COLUMN last_active_at');
    await runner.query('DROP TABLE crm.inbox, crm.outbox');
  }
}
