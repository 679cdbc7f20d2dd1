import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only trail. Length limits match the filters of the listing contract, so
 * every stored value can be searched for. Timestamps keep milliseconds only, the
 * precision the entry hash covers.
 */
export class CreateAuditTrail1733250000000 implements MigrationInterface {
  name = 'CreateAuditTrail1733250000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit.audit_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        sequence bigint NOT NULL CHECK (sequence >= 1),
        occurred_at timestamptz NOT NULL
          CHECK (occurred_at = date_trunc('milliseconds', occurred_at)),
        actor_type text NOT NULL CHECK (char_length(actor_type) BETWEEN 1 AND 64),
        actor_id text NOT NULL CHECK (char_length(actor_id) BETWEEN 1 AND 256),
        action text NOT NULL CHECK (char_length(action) BETWEEN 1 AND 128),
        resource_type text NOT NULL CHECK (char_length(resource_type) BETWEEN 1 AND 128),
        resource_id text CHECK (char_length(resource_id) BETWEEN 1 AND 256),
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
        request_id text CHECK (char_length(request_id) BETWEEN 1 AND 128),
        details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
        previous_hash text NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT audit_entries_company_sequence_key UNIQUE (company_id, sequence)
      )`);

    // The listing always filters on one company and returns newest first.
    await runner.query(`
      CREATE INDEX audit_entries_actor_idx
      ON audit.audit_entries (company_id, actor_id, sequence)`);
    await runner.query(`
      CREATE INDEX audit_entries_action_idx
      ON audit.audit_entries (company_id, action, sequence)`);
    await runner.query(`
      CREATE INDEX audit_entries_resource_idx
      ON audit.audit_entries (company_id, resource_type, resource_id, sequence)`);
    await runner.query(`
      CREATE INDEX audit_entries_occurred_at_idx
      ON audit.audit_entries (company_id, occurred_at)`);

    // Refused in the database, not only in code, so no service bug or hand-typed query
    // can rewrite history; only a superuser who disables the triggers can.
    await runner.query(`
      CREATE FUNCTION audit.refuse_audit_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit entries are append-only: % is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await runner.query(`
      CREATE TRIGGER audit_entries_refuse_change
      BEFORE UPDATE OR DELETE ON audit.audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_audit_change()`);
    await runner.query(`
      CREATE TRIGGER audit_entries_refuse_truncate
      BEFORE TRUNCATE ON audit.audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_audit_change()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit.audit_entries`);
    await runner.query(`DROP FUNCTION audit.refuse_audit_change()`);
  }
}
