const RUN_COLUMNS = `id, company_id, policy_id, policy_version, trigger, schedule_slot, preview_id,
  cutoff, status, started_at, finished_at`;

/** A scheduled run claims its slot: a second replica's insert finds it taken and stops. */
export const INSERT_RUN = `
  INSERT INTO retention.runs (company_id, policy_id, policy_version, trigger, schedule_slot,
    preview_id, cutoff, status, started_at, heartbeat_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
  ON CONFLICT (policy_id, schedule_slot) DO NOTHING
  RETURNING ${RUN_COLUMNS}`;

export const SELECT_RUN = `SELECT ${RUN_COLUMNS} FROM retention.runs WHERE id = $1`;

export const HEARTBEAT_RUN = `UPDATE retention.runs SET heartbeat_at = now() WHERE id = $1`;

export const FINISH_RUN = `
  UPDATE retention.runs SET status = $2, finished_at = now() WHERE id = $1`;

export const FINISH_LOGS = `
  UPDATE retention.logs SET status = $2, finished_at = now() WHERE run_id = $1`;

/** Runs whose worker stopped beating: a crash or a stop left them to be resumed. */
export const SELECT_STALE_RUNS = `
  SELECT id FROM retention.runs
  WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
  ORDER BY started_at`;

/**
 * Adds one batch's figures to the entity's log; the cursor moves in the same
 * transaction as the deletions, so a resumed run neither repeats nor recounts a batch.
 */
export const ADD_TO_LOG = `
  INSERT INTO retention.logs (run_id, company_id, policy_id, policy_version, entity, matched,
    deleted, archived, skipped, errors, cursor_key, batches, archive_location)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (run_id, entity) DO UPDATE SET
    matched = retention.logs.matched + EXCLUDED.matched,
    deleted = retention.logs.deleted + EXCLUDED.deleted,
    archived = retention.logs.archived + EXCLUDED.archived,
    skipped = retention.logs.skipped + EXCLUDED.skipped,
    errors = retention.logs.errors + EXCLUDED.errors,
    cursor_key = COALESCE(EXCLUDED.cursor_key, retention.logs.cursor_key),
    batches = retention.logs.batches + EXCLUDED.batches,
    archive_location = COALESCE(EXCLUDED.archive_location, retention.logs.archive_location)`;

/** ADD_TO_LOG that also beats the run's heartbeat: one round trip for a leaf batch. */
export const ADD_TO_LOG_AND_BEAT = `
  WITH beat AS (UPDATE retention.runs SET heartbeat_at = now() WHERE id = $1)
  ${ADD_TO_LOG.trim()}`;

export const SELECT_LOG_PROGRESS = `
  SELECT cursor_key, batches FROM retention.logs WHERE run_id = $1 AND entity = $2`;

export const SELECT_RUN_TOTALS = `
  SELECT coalesce(sum(deleted), 0)::bigint AS deleted, coalesce(sum(skipped), 0)::bigint AS skipped
  FROM retention.logs WHERE run_id = $1`;

const LOG_COLUMNS = `id, run_id, policy_id, policy_version, entity, status, started_at,
  finished_at, matched, deleted, archived, skipped, errors, archive_location`;

export const SELECT_LOG_PAGE = `
  SELECT ${LOG_COLUMNS}, count(*) OVER () AS total FROM retention.logs
  WHERE company_id = $1 AND ($2::uuid IS NULL OR policy_id = $2)
    AND ($3::uuid IS NULL OR run_id = $3)
  ORDER BY started_at DESC, entity LIMIT $4 OFFSET $5`;

export const INSERT_PREVIEW = `
  INSERT INTO retention.previews (company_id, policy_id, policy_version, cutoff, matched,
    entities, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING id`;

export const SELECT_PREVIEW = `
  SELECT id, policy_id, policy_version, matched FROM retention.previews
  WHERE id = $1 AND company_id = $2`;
