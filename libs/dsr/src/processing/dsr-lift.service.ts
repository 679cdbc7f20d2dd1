import { recordAudit } from '@compliance/audit';
import { AuthContext, dsrRestrictionChanged, ServiceError } from '@compliance/contracts';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { findRequest } from '../requests/dsr-requests.service';
import { dispatchTasks } from './task-dispatcher';

/** The end of a restriction or objection; the lift phase then completes like any other. */
@Injectable()
export class DsrLiftService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('dsr')) private readonly outbox: OutboxRelay,
    private readonly cipher: DsrSubjectCipher,
  ) {}

  /**
   * Lifts a restriction or objection that took effect: every connector drops its marks and
   * the broadcast tells modules, retention and marketing they may use the data again.
   */
  async lift(id: string, auth: AuthContext): Promise<void> {
    // Opened before the transaction: the key ring needs connections of its own.
    const subject = await this.cipher.open(await findRequest(this.dataSource, id, auth.companyId));

    await this.dataSource.transaction(async (manager) => {
      const request = await findRequest(manager, id, auth.companyId, true);

      if (request.type !== 'restriction' && request.type !== 'objection') {
        throw new ServiceError('conflict', 'only a restriction or an objection can be lifted');
      }

      if (request.status === 'in_progress' && request.phase === 'lift') {
        return;
      }

      const restricted = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [
        id,
        'restrict',
      ]);
      const lifted = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [id, 'lift']);

      if (request.status !== 'completed' || restricted.length === 0 || lifted.length > 0) {
        throw new ServiceError('conflict', `a request ${request.status} has nothing to lift`);
      }

      await dispatchTasks(
        manager,
        request,
        'lift',
        restricted.map((t) => t.connector),
        subject,
        auth,
      );
      await manager.query(dsrQueries.setStatus, [
        request.id,
        request.company_id,
        'in_progress',
        'lift',
        null,
      ]);
      await addToOutbox(
        manager,
        DSR_SCHEMA,
        dsrRestrictionChanged,
        {
          requestId: request.id,
          kind: request.type,
          identifiers: subject.identifiers,
          purposes: request.purposes,
          active: false,
        },
        auth,
      );
      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: 'dsr.lift-started',
        resourceType: 'dsr-request',
        resourceId: request.id,
        outcome: 'success',
        requestId: auth.requestId,
        details: {
          connectors: restricted.map((t) => t.connector),
        },
      });
    });

    this.outbox.nudge();
  }
}
