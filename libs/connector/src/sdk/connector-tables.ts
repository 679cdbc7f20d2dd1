import { quoteSchema } from '@compliance/messaging';
import { QueryRunner } from 'typeorm';

/**
 * The SDK's own tables in a module's schema: the tasks it has taken on (its idempotency
 * and progress), the encrypted snapshots an erasure leaves for rollback, and the
 * restrictions and objections the module must respect. A module's migration calls this.
 */
export async function createConnectorTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = quoteSchema(schema);

  await runner.query(`
    CREATE TABLE ${s}.connector_tasks (
      task_id uuid PRIMARY KEY,
      request_id uuid NOT NULL,
      company_id uuid NOT NULL,
      action text NOT NULL,
      status text NOT NULL,
      counts jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  await runner.query(`
    CREATE TABLE ${s}.connector_snapshots (
      request_id uuid NOT NULL,
      entity text NOT NULL,
      sequence integer NOT NULL,
      company_id uuid NOT NULL,
      task_id uuid NOT NULL,
      record_ids text[] NOT NULL,
      sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (request_id, entity, sequence)
    )`);
  await runner.query(`
    CREATE TABLE ${s}.connector_restrictions (
      company_id uuid NOT NULL,
      entity text NOT NULL,
      record_id text NOT NULL,
      purpose text NOT NULL,
      request_id uuid NOT NULL,
      kind text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (company_id, entity, record_id, purpose)
    )`);
  await addConnectorTaskOutcomes(runner, schema);
}

/**
 * What each finished task reported (counts, categories, records kept under legal holds,
 * what a re-check found), so a task delivered again answers the same. Part of the tables
 * `createConnectorTables` makes; a module whose tables predate it calls this in a later
 * migration, which changes nothing where the column is there already.
 */
export async function addConnectorTaskOutcomes(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(
    `ALTER TABLE ${quoteSchema(schema)}.connector_tasks ADD COLUMN IF NOT EXISTS outcome jsonb`,
  );
}
