import { randomUUID } from 'node:crypto';

import { recordAudit } from '@compliance/audit';
import { createLogger } from '@compliance/logging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { TRANSFER_CHECK_QUERIES } from '../transfer-impact/transfer-checks.queries';
import { TRANSFER_REPLAY_DAYS } from '../transfer-impact/transfer-impact.service';
import { POLICY_MAINTENANCE_QUERIES } from './policy-maintenance.queries';

const DAY_MS = 86_400_000;
const MAINTENANCE_ACTOR = { type: 'system', id: 'policy-maintenance' };
/** Small enough that a batch never holds its locks, or the WAL, for long beside new checks. */
const DELETE_BATCH = 5_000;

export interface PruneResult {
  /** False when another replica, or the CLI, had already claimed today's run. */
  ran: boolean;
  deleted: number;
}

/** The policy service's scheduled work: transfer checks past the replay window go. */
@Injectable()
export class PolicyMaintenanceService {
  private readonly logger = createLogger(PolicyMaintenanceService.name);

  constructor(@Inject(dataSourceToken('policy')) private readonly dataSource: DataSource) {}

  /**
   * Deletes the checks a dry-run no longer replays (older than the replay window), once a
   * day across replicas and the CLI. Each batch leaves an entry in its company's trail.
   */
  async pruneTransferChecksOnce(now = new Date()): Promise<PruneResult> {
    const day = now.toISOString().slice(0, 10);
    const claimed = await this.dataSource.query<unknown[]>(POLICY_MAINTENANCE_QUERIES.claimJobRun, [
      'prune-transfer-checks',
      day,
    ]);

    if (claimed.length === 0) {
      return { ran: false, deleted: 0 };
    }

    const before = new Date(now.getTime() - TRANSFER_REPLAY_DAYS * DAY_MS);
    const companies = await this.dataSource.query<{ company_id: string }[]>(
      TRANSFER_CHECK_QUERIES.companiesWithChecksBefore,
      [before],
    );
    let deleted = 0;

    for (const { company_id: companyId } of companies) {
      deleted += await this.pruneCompany(companyId, before);
    }

    this.logger.info(
      { deleted, companies: companies.length, before: before.toISOString() },
      'old transfer checks deleted',
    );
    return { ran: true, deleted };
  }

  /** A company's old checks, a batch at a time; returns how many went. */
  private async pruneCompany(companyId: string, before: Date): Promise<number> {
    let deleted = 0;

    for (let batch = DELETE_BATCH; batch === DELETE_BATCH;) {
      batch = await this.pruneCompanyBatch(companyId, before);
      deleted += batch;
    }

    return deleted;
  }

  /**
   * One batch in one transaction with its audit entry, so the entry exists exactly when the
   * deletion it counts does. The entry carries counts and the cutoff only: a check names
   * no person or record anyway.
   */
  private async pruneCompanyBatch(companyId: string, before: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [, deleted] = await manager.query<[unknown[], number]>(
        TRANSFER_CHECK_QUERIES.deleteOfCompanyBefore,
        [companyId, before, DELETE_BATCH],
      );

      if (deleted === 0) {
        return 0;
      }

      await recordAudit(manager, {
        companyId,
        actor: MAINTENANCE_ACTOR,
        action: 'policy.transfer-checks-pruned',
        resourceType: 'transfer-checks',
        outcome: 'success',
        requestId: randomUUID(),
        details: { deleted, checkedBefore: before.toISOString(), replayDays: TRANSFER_REPLAY_DAYS },
      });
      return deleted;
    });
  }
}
