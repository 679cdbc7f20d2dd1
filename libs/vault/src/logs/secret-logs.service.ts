import { AuthContext, Page, SecretLogEntry } from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { COUNT_ACCESS_LOG, LIST_ACCESS_LOG } from '../access/access-log.queries';
import { VAULT_DATA_SOURCE } from '../support/vault.tokens';

interface AccessLogRow {
  id: string;
  secret_id: string | null;
  version: number | null;
  action: string;
  outcome: 'success' | 'denied' | 'failed';
  actor_type: string;
  actor_id: string;
  reason: string | null;
  request_id: string | null;
  occurred_at: Date;
}

/** The secret access log, newest first; read-only by construction. */
@Injectable()
export class SecretLogsService {
  constructor(@Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(
    query: { limit: number; offset: number; secretId?: string },
    auth: AuthContext,
  ): Promise<Page<SecretLogEntry>> {
    const secretId = query.secretId ?? null;
    const rows = await this.dataSource.query<AccessLogRow[]>(LIST_ACCESS_LOG, [
      auth.companyId,
      secretId,
      query.limit,
      query.offset,
    ]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(COUNT_ACCESS_LOG, [
      auth.companyId,
      secretId,
    ]);

    return {
      items: rows.map((row) => ({
        id: row.id,
        secretId: row.secret_id,
        version: row.version,
        action: row.action,
        outcome: row.outcome,
        actorType: row.actor_type,
        actorId: row.actor_id,
        reason: row.reason,
        requestId: row.request_id,
        occurredAt: row.occurred_at.toISOString(),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
