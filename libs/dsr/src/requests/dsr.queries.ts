/** Every statement of the DSR service on its own schema. */
export const dsrQueries = {
  insertRequest: `INSERT INTO dsr.requests (id, company_id, type, jurisdiction, channel,
      requester_name, requester_relation, identifiers, subject_key, identifier_indexes, purposes,
      changes_sealed, duplicate_of, received_at, due_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
  /** Any identifier in common makes the same subject: one e-mail address is enough. */
  openDuplicate: `SELECT id FROM dsr.requests WHERE company_id = $1
    AND identifier_indexes && $2::text[] AND type = $3
    AND status IN ('received', 'verified', 'in_progress')
    ORDER BY created_at LIMIT 1`,
  request: 'SELECT * FROM dsr.requests WHERE id = $1 AND company_id = $2',
  requestForUpdate: 'SELECT * FROM dsr.requests WHERE id = $1 AND company_id = $2 FOR UPDATE',
  list: `SELECT * FROM dsr.requests WHERE company_id = $1 AND ($2::text IS NULL OR status = $2)
    ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
  count: `SELECT count(*)::int AS total FROM dsr.requests
    WHERE company_id = $1 AND ($2::text IS NULL OR status = $2)`,
  tasksOf: 'SELECT * FROM dsr.tasks WHERE request_id = ANY($1) ORDER BY connector, action',
  setStatus: `UPDATE dsr.requests SET status = $3, phase = $4, failure_reason = $5,
    completed_at = CASE WHEN $3 IN ('completed', 'rolled_back', 'failed', 'rejected') THEN now()
      ELSE completed_at END, updated_at = now()
    WHERE id = $1 AND company_id = $2`,
  setIdentifiers: `UPDATE dsr.requests SET identifiers = $3, status = $4, updated_at = now()
    WHERE id = $1 AND company_id = $2`,
  setRequester: `UPDATE dsr.requests SET requester_name = $3, updated_at = now()
    WHERE id = $1 AND company_id = $2`,
  extend: `UPDATE dsr.requests SET extended_due_at = $3, extension_reason = $4, updated_at = now()
    WHERE id = $1 AND company_id = $2`,
  markErased: 'UPDATE dsr.requests SET erased_at = now() WHERE id = $1 AND erased_at IS NULL',
  markShredded: 'UPDATE dsr.requests SET snapshot_shredded_at = $2 WHERE id = $1',
  connectors:
    'SELECT connector, categories FROM dsr.connectors WHERE company_id = $1 ORDER BY connector',
  registerConnector: `INSERT INTO dsr.connectors (company_id, connector, entities, categories)
    VALUES ($1, $2, $3, $4) ON CONFLICT (company_id, connector)
    DO UPDATE SET entities = EXCLUDED.entities, categories = EXCLUDED.categories,
      registered_at = now()`,
  /** One task per connector and action: a second `process` finds it and adds nothing. */
  insertTask: `INSERT INTO dsr.tasks (request_id, company_id, connector, action)
    VALUES ($1, $2, $3, $4) ON CONFLICT (request_id, connector, action) DO NOTHING RETURNING *`,
  task: 'SELECT * FROM dsr.tasks WHERE id = $1 AND company_id = $2 FOR UPDATE',
  tasksOfPhase: 'SELECT * FROM dsr.tasks WHERE request_id = $1 AND action = $2 ORDER BY connector',
  /** A report moves a task forward only: a late `running` never undoes `done`. */
  reportTask: `UPDATE dsr.tasks SET status = $2, counts = $3, remaining = $4, categories = $5,
    error = $6, held = $7, updated_at = now()
    WHERE id = $1 AND status NOT IN ('done', 'failed') RETURNING *`,
  /**
   * A refused chunk fails its connector's export task, even one reported done, while the
   * export is still under way: the part it carried will never be stored.
   */
  failExportTask: `UPDATE dsr.tasks t SET status = 'failed', error = $5, updated_at = now()
    FROM dsr.requests r
    WHERE t.id = $1 AND t.request_id = $2 AND t.company_id = $3 AND t.connector = $4
      AND t.action = 'export' AND t.status <> 'failed'
      AND r.id = t.request_id AND r.status = 'in_progress' AND r.phase = 'export'
    RETURNING t.id`,
  retryTask: `UPDATE dsr.tasks SET attempts = attempts + 1, status = 'pending', error = NULL,
    dispatched_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
  /** Tasks with no news for a while, whose request still waits on them. */
  stalledTasks: `SELECT t.* FROM dsr.tasks t JOIN dsr.requests r ON r.id = t.request_id
    WHERE t.status IN ('pending', 'running') AND t.updated_at < $1
    AND r.status = 'in_progress' ORDER BY t.updated_at LIMIT 100`,
  settings: 'SELECT * FROM dsr.settings WHERE company_id = $1',
  upsertSettings: `INSERT INTO dsr.settings (company_id, verification_required, time_zone,
      residency_location, export_ttl_hours, rollback_days, deadline_days, extension_max_days,
      enforcement)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (company_id) DO UPDATE SET
      verification_required = EXCLUDED.verification_required, time_zone = EXCLUDED.time_zone,
      residency_location = EXCLUDED.residency_location,
      export_ttl_hours = EXCLUDED.export_ttl_hours, rollback_days = EXCLUDED.rollback_days,
      deadline_days = EXCLUDED.deadline_days, extension_max_days = EXCLUDED.extension_max_days,
      enforcement = EXCLUDED.enforcement,
      updated_at = now()`,
  exportedRecords: `SELECT connector, entity, sum(records)::int AS records FROM dsr.export_parts
    WHERE request_id = $1 GROUP BY connector, entity`,
  insertDownload: `INSERT INTO dsr.export_downloads (token_hash, request_id, company_id, format,
      expires_at) VALUES ($1, $2, $3, $4, $5)`,
  /** Redeems a link: one caller wins, and only before it expires. */
  redeemDownload: `UPDATE dsr.export_downloads SET redeemed_at = now()
    WHERE token_hash = $1 AND request_id = $2 AND company_id = $3
      AND redeemed_at IS NULL AND expires_at > now()
    RETURNING format`,
  /** A redeemed link reads pages for a while after, and never once the export expired. */
  openedDownload: `SELECT format FROM dsr.export_downloads
    WHERE token_hash = $1 AND request_id = $2 AND company_id = $3
      AND redeemed_at > now() - make_interval(mins => $4::int) AND expires_at > now()`,
  erasuresToShred: `SELECT * FROM dsr.requests WHERE type = 'erasure' AND erased_at IS NOT NULL
    AND snapshot_shredded_at IS NULL
    AND erased_at < $1::timestamptz - make_interval(days => $2::int)
    AND status IN ('completed', 'failed') LIMIT 100`,
  claimJobRun: `INSERT INTO dsr.job_runs (job, run_key) VALUES ($1, $2)
    ON CONFLICT DO NOTHING RETURNING job`,
  openRequests: `SELECT * FROM dsr.requests WHERE status IN ('received', 'verified', 'in_progress')
    ORDER BY due_at LIMIT 1000`,
  recordNotice: `INSERT INTO dsr.deadline_notices (request_id, notice) VALUES ($1, $2)
    ON CONFLICT DO NOTHING RETURNING notice`,
};
