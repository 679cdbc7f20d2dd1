import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema starts with its outbox and inbox; the domain tables come with the capability. */
export class CreateDsrSchema1733300001000 implements MigrationInterface {
  name = 'CreateDsrSchema1733300001000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner, 'dsr');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE dsr.inbox, dsr.outbox');
  }
}
