import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema starts with its outbox and inbox; the domain tables come with the capability. */
export class CreateVaultSchema1733300002000 implements MigrationInterface {
  name = 'CreateVaultSchema1733300002000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner, 'vault');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE vault.inbox, vault.outbox');
  }
}
