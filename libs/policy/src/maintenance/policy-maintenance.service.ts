import { createLogger } from '@compliance/logging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { TRANSFER_CHECK_QUERIES } from '../transfer-impact/transfer-checks.queries';
import { TRANSFER_REPLAY_DAYS } from '../transfer-impact/transfer-impact.service';
import { POLICY_MAINTENANCE_QUERIES } from './policy-maintenance.queries';

const DAY_MS = 86_400_000;
/** Small enough that a batch never holds its locks for long beside new checks. */
const DELETE_BATCH = 5_000;

export interface PruneResult {
  /** False when another replica had already claimed today's run. */
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
   * day across replicas. Only routes are deleted, which name no person or record, so the
   * run is logged rather than audited per company.
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
    let deleted = 0;

    for (let batch = DELETE_BATCH; batch === DELETE_BATCH;) {
      const [, count] = await this.dataSource.query<[unknown[], number]>(
        TRANSFER_CHECK_QUERIES.deleteBefore,
        [before, DELETE_BATCH],
      );

      batch = count;
      deleted += count;
    }

    this.logger.info({ deleted, before: before.toISOString() }, 'old transfer checks deleted');
    return { ran: true, deleted };
  }
}
