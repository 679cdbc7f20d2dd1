import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's review cadence, from its applied policy. Existing companies keep the
 * quarterly campaigns they had until a policy says otherwise.
 */
export class AddReviewCadence1733900003300 implements MigrationInterface {
  name = 'AddReviewCadence1733900003300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE access_review.settings ADD COLUMN cadence text NOT NULL DEFAULT 'quarterly'
        CHECK (cadence IN ('monthly', 'quarterly', 'semiannual', 'annual'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE access_review.settings DROP COLUMN cadence');
  }
}
