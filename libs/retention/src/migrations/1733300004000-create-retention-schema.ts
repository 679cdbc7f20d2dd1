import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema starts with its outbox and inbox; the domain tables come with the capability. */
export class CreateRetentionSchema1733300004000 implements MigrationInterface {
  name = 'CreateRetentionSchema1733300004000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner, 'retention');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE retention.inbox, retention.outbox');
  }
}
