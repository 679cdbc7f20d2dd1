import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviewer addresses move to an encrypted column. SQL cannot encrypt, so addresses already
 * kept in clear stay in `email` until the service seals them at start-up and clears them.
 */
export class SealReviewerEmails1733700003200 implements MigrationInterface {
  name = 'SealReviewerEmails1733700003200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE access_review.users ADD COLUMN email_sealed text');
    await runner.query(`
      CREATE INDEX users_clear_email_idx ON access_review.users (company_id, user_id)
      WHERE email IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX access_review.users_clear_email_idx');
    await runner.query('ALTER TABLE access_review.users DROP COLUMN email_sealed');
  }
}
