import { AuthContext, Page, PageQuery } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { POLICY_LIFECYCLE_QUERIES } from '../lifecycle/policy-lifecycle.queries';

interface LogRow {
  id: string;
  policy_id: string;
  action: string;
  version: number;
  from_version: number | null;
  actor: string;
  changes: unknown;
  created_at: Date;
  total: string;
}

/** The policy change log, newest first, with each change's diff. */
@Injectable()
export class PolicyLogsService {
  constructor(@Inject(dataSourceToken('policy')) private readonly dataSource: DataSource) {}

  async list(query: PageQuery, auth: AuthContext): Promise<Page<Record<string, unknown>>> {
    const rows = await this.dataSource.query<LogRow[]>(POLICY_LIFECYCLE_QUERIES.listLogs, [
      auth.companyId,
      query.limit,
      query.offset,
    ]);

    return {
      items: rows.map((row) => ({
        id: row.id,
        policyId: row.policy_id,
        action: row.action,
        version: row.version,
        fromVersion: row.from_version,
        actor: row.actor,
        changes: row.changes,
        createdAt: new Date(row.created_at).toISOString(),
      })),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      ...query,
    };
  }
}
