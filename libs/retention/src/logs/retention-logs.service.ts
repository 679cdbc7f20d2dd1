import {
  AuthContext,
  listRetentionLogs,
  Page,
  RequestOf,
  RetentionLogView,
} from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_LOG_PAGE } from '../runs/run-ledger.queries';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';

interface LogRow {
  id: string;
  run_id: string;
  policy_id: string;
  policy_version: number;
  entity: string;
  status: RetentionLogView['status'];
  started_at: Date;
  finished_at: Date | null;
  matched: string;
  deleted: string;
  archived: string;
  skipped: string;
  errors: string;
  archive_location: string | null;
  total: string;
}

/** The per-run, per-entity logs of the caller's company, newest first. */
@Injectable()
export class RetentionLogsService {
  constructor(@Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(
    query: RequestOf<typeof listRetentionLogs>,
    auth: AuthContext,
  ): Promise<Page<RetentionLogView>> {
    const rows: LogRow[] = await this.dataSource.query(SELECT_LOG_PAGE, [
      auth.companyId,
      query.policyId ?? null,
      query.runId ?? null,
      query.limit,
      query.offset,
    ]);

    return {
      items: rows.map(toLogView),
      total: Number(rows[0]?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function toLogView(row: LogRow): RetentionLogView {
  return {
    id: row.id,
    runId: row.run_id,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    entity: row.entity,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    matched: Number(row.matched),
    deleted: Number(row.deleted),
    archived: Number(row.archived),
    skipped: Number(row.skipped),
    errors: Number(row.errors),
    archiveLocation: row.archive_location,
  };
}
