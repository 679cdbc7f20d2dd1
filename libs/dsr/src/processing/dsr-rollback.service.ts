import { recordAudit } from '@compliance/audit';
import { AuthContext, ServiceError } from '@compliance/contracts';
import { OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { findRequest } from '../requests/dsr-requests.service';
import { loadDsrSettings } from '../settings/dsr-settings';
import { dispatchTasks } from './task-dispatcher';

const DAY_MS = 86_400_000;

/**
 * The undoing of an erasure within its rollback window: every connector that erased
 * restores its records from the sealed snapshot; the phase then completes like any other.
 */
@Injectable()
export class DsrRollbackService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('dsr')) private readonly outbox: OutboxRelay,
    private readonly cipher: DsrSubjectCipher,
  ) {}

  /** Restores an erasure from its snapshots, while their key still exists. */
  async rollback(id: string, auth: AuthContext): Promise<void> {
    const settings = await loadDsrSettings(this.dataSource, auth.companyId);
    // Opened before the transaction: the key ring needs connections of its own.
    const subject = await this.cipher.open(await findRequest(this.dataSource, id, auth.companyId));

    await this.dataSource.transaction(async (manager) => {
      const request = await findRequest(manager, id, auth.companyId, true);

      if (request.type !== 'erasure' || !request.erased_at) {
        throw new ServiceError('conflict', 'only an erasure that ran can be rolled back');
      }

      if (request.status === 'in_progress' && request.phase === 'rollback') {
        return;
      }

      if (request.status === 'rolled_back') {
        throw new ServiceError('conflict', 'the erasure was rolled back already');
      }

      const windowEnd = new Date(request.erased_at.getTime() + settings.rollbackDays * DAY_MS);

      if (request.snapshot_shredded_at || windowEnd < new Date()) {
        throw new ServiceError(
          'conflict',
          `rollback is refused: the erasure snapshot's key was destroyed (crypto-shredded) ` +
            `after the ${settings.rollbackDays}-day window that ended ${windowEnd.toISOString()}`,
        );
      }

      const erased = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [id, 'erase']);
      const connectors = erased.map((task) => task.connector);

      await dispatchTasks(manager, request, 'rollback', connectors, subject, auth);
      await manager.query(dsrQueries.setStatus, [
        request.id,
        request.company_id,
        'in_progress',
        'rollback',
        null,
      ]);
      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'dsr.rollback-started',
        resourceType: 'dsr-request',
        resourceId: request.id,
        outcome: 'success',
        requestId: auth.requestId,
        details: { connectors },
      });
    });

    this.outbox.nudge();
  }
}
