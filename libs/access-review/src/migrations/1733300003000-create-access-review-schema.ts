import { createMessagingTables } from '@compliance/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schema starts with its outbox and inbox; the domain tables come with the capability. */
export class CreateAccessReviewSchema1733300003000 implements MigrationInterface {
  name = 'CreateAccessReviewSchema1733300003000';

  async up(runner: QueryRunner): Promise<void> {
    await createMessagingTables(runner, 'access_review');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access_review.inbox, access_review.outbox');
  }
}
