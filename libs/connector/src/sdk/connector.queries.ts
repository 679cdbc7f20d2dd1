import { quoteSchema } from '@compliance/messaging';

/** Every statement the SDK sends to its own tables in a module's schema. */
export function connectorQueries(schema: string) {
  const s = quoteSchema(schema);

  return {
    claimTask: `INSERT INTO ${s}.connector_tasks (task_id, request_id, company_id, action, status)
      VALUES ($1, $2, $3, $4, 'started') ON CONFLICT (task_id) DO NOTHING`,
    task: `SELECT status, counts, outcome FROM ${s}.connector_tasks WHERE task_id = $1`,
    setStatus: `UPDATE ${s}.connector_tasks SET status = $2, updated_at = now() WHERE task_id = $1`,
    /** Keeps the whole outcome, so a redelivered task answers what its first run reported. */
    finish: `UPDATE ${s}.connector_tasks SET status = 'done', counts = $2, outcome = $3,
      updated_at = now() WHERE task_id = $1`,
    /** Adds one erased batch to the task's tally, in the batch's own transaction. */
    addCount: `UPDATE ${s}.connector_tasks
      SET counts = jsonb_set(counts, ARRAY[$2::text],
        to_jsonb(COALESCE((counts->>$2)::int, 0) + $3::int)), updated_at = now()
      WHERE task_id = $1`,
    insertSnapshot: `INSERT INTO ${s}.connector_snapshots
      (request_id, entity, sequence, company_id, task_id, record_ids, sealed)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    snapshotIds: `SELECT entity, record_ids FROM ${s}.connector_snapshots
      WHERE request_id = $1 AND company_id = $2 ORDER BY entity, sequence`,
    snapshotBatches: `SELECT sequence, sealed FROM ${s}.connector_snapshots
      WHERE request_id = $1 AND company_id = $2 AND entity = $3 ORDER BY sequence`,
    deleteSnapshots: `DELETE FROM ${s}.connector_snapshots
      WHERE request_id = $1 AND company_id = $2`,
    restrict: `INSERT INTO ${s}.connector_restrictions
      (company_id, entity, record_id, purpose, request_id, kind)
      SELECT $1, $2, unnest($3::text[]), $4, $5, $6 ON CONFLICT DO NOTHING`,
    lift: `DELETE FROM ${s}.connector_restrictions WHERE company_id = $1 AND request_id = $2`,
    isRestricted: `SELECT EXISTS (SELECT 1 FROM ${s}.connector_restrictions
      WHERE company_id = $1 AND entity = $2 AND record_id = $3
        AND purpose = ANY($4)) AS restricted`,
  };
}

export type ConnectorQueries = ReturnType<typeof connectorQueries>;
