import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity projection (users, their roles, their last activity), per-company review
 * settings, campaigns with their access snapshot and items, and the notifications sent.
 * User ids are the CRM's own and need not be UUIDs.
 */
export class CreateAccessReviewTables1733300003100 implements MigrationInterface {
  name = 'CreateAccessReviewTables1733300003100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE access_review.settings (
        company_id uuid PRIMARY KEY,
        inactivity_days integer NOT NULL CHECK (inactivity_days > 0),
        unused_role_days integer NOT NULL CHECK (unused_role_days >= 0),
        privileged_roles text[] NOT NULL,
        admin_roles text[] NOT NULL,
        review_days integer NOT NULL CHECK (review_days > 0),
        reminder_days integer[] NOT NULL,
        undecided_action text NOT NULL CHECK (undecided_action IN ('revoke', 'keep', 'escalate')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE access_review.users (
        company_id uuid NOT NULL,
        user_id text NOT NULL,
        email text,
        created_at timestamptz,
        deactivated_at timestamptz,
        manager_id text,
        manager_set_at timestamptz,
        last_active_at timestamptz,
        PRIMARY KEY (company_id, user_id)
      )`);
    await runner.query(`
      CREATE TABLE access_review.user_roles (
        company_id uuid NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        granted_at timestamptz,
        granted_by text,
        revoked_at timestamptz,
        last_used_at timestamptz,
        PRIMARY KEY (company_id, user_id, role)
      )`);
    await runner.query(`
      CREATE TABLE access_review.reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        period text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
        trigger text NOT NULL CHECK (trigger IN ('api', 'cli', 'schedule')),
        started_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        closed_at timestamptz,
        undecided_action text NOT NULL,
        UNIQUE (company_id, period)
      )`);
    await runner.query(`
      CREATE TABLE access_review.review_snapshots (
        review_id uuid NOT NULL REFERENCES access_review.reviews (id),
        user_id text NOT NULL,
        manager_id text,
        created_at timestamptz,
        deactivated_at timestamptz,
        last_active_at timestamptz,
        roles jsonb NOT NULL,
        PRIMARY KEY (review_id, user_id)
      )`);
    await runner.query(`
      CREATE TABLE access_review.review_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        review_id uuid NOT NULL REFERENCES access_review.reviews (id),
        user_id text NOT NULL,
        role text NOT NULL,
        reasons text[] NOT NULL,
        reviewer_id text,
        reviewer_source text NOT NULL CHECK (reviewer_source IN ('manager', 'admin', 'none')),
        decision text CHECK (decision IN ('revoked', 'retained')),
        justification text,
        decided_by text,
        decided_at timestamptz,
        decided_automatically boolean NOT NULL DEFAULT false,
        escalated_at timestamptz,
        revocation_status text CHECK (revocation_status IN ('pending', 'confirmed', 'failed')),
        revocation_requested_at timestamptz,
        revocation_confirmed_at timestamptz,
        revocation_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (review_id, user_id, role)
      )`);
    await runner.query(
      `CREATE INDEX review_items_company_idx
       ON access_review.review_items (company_id, created_at)`,
    );
    await runner.query(`
      CREATE TABLE access_review.notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        review_id uuid NOT NULL REFERENCES access_review.reviews (id),
        reviewer_id text NOT NULL,
        recipient_id text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('sending', 'sent', 'recorded', 'no_address', 'failed')),
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (review_id, reviewer_id, recipient_id, kind)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE access_review.notifications, access_review.review_items,
        access_review.review_snapshots, access_review.reviews, access_review.user_roles,
        access_review.users, access_review.settings`);
  }
}
