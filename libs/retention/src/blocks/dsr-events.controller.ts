import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  dsrRequestCompleted,
  dsrRestrictionChanged,
  dsrTaskRequested,
  PayloadOf,
} from '@compliance/contracts';
import { BusContext, claimMessage } from '@compliance/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

import { RETENTION_SCHEMA } from '../migrations/retention.migrations';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { SubjectBlock, SubjectBlocksRepository } from './subject-blocks.repository';

/**
 * Fills the subject blocks from the DSR service's events, each handled once: a processing
 * restriction protects its subject until lifted, a request under way until it ends.
 */
@Controller()
export class DsrEventsController {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly blocks: SubjectBlocksRepository,
  ) {}

  @EventPattern(dsrRestrictionChanged.subject)
  async restrictionChanged(
    @Payload() event: PayloadOf<typeof dsrRestrictionChanged>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    // An objection asks that processing stop, not that data be kept: only a restriction
    // (GDPR art. 18) forbids erasing what it covers.
    if (event.kind !== 'restriction') {
      return;
    }

    await this.once(context, 'dsr-restriction-changed', async (manager) => {
      if (event.active) {
        await this.open(manager, context.auth, 'restriction', event.requestId, event.identifiers);
      } else {
        await this.close(manager, context.auth, 'restriction', event.requestId);
      }
    });
  }

  /** The first task of a request is the first the service hears of its subject. */
  @EventPattern(dsrTaskRequested.subject)
  async taskRequested(
    @Payload() event: PayloadOf<typeof dsrTaskRequested>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    await this.once(context, 'dsr-task-requested', (manager) =>
      this.open(manager, context.auth, 'dsr', event.requestId, event.identifiers),
    );
  }

  @EventPattern(dsrRequestCompleted.subject)
  async requestCompleted(
    @Payload() event: PayloadOf<typeof dsrRequestCompleted>,
    @Ctx() context: BusContext,
  ): Promise<void> {
    await this.once(context, 'dsr-request-completed', (manager) =>
      this.close(manager, context.auth, 'dsr', event.requestId),
    );
  }

  private async once(
    context: BusContext,
    consumer: string,
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await claimMessage(manager, RETENTION_SCHEMA, consumer, context.messageId ?? '')) {
        await work(manager);
      }
    });
  }

  private async open(
    manager: EntityManager,
    auth: AuthContext,
    reason: SubjectBlock['reason'],
    sourceId: string,
    identifiers: SubjectBlock['subject'][],
  ): Promise<void> {
    for (const subject of identifiers) {
      await this.blocks.open({ companyId: auth.companyId, subject, reason, sourceId }, manager);
    }

    await this.audit(manager, auth, 'retention.subject-block.opened', reason, sourceId);
  }

  private async close(
    manager: EntityManager,
    auth: AuthContext,
    reason: SubjectBlock['reason'],
    sourceId: string,
  ): Promise<void> {
    await this.blocks.close(auth.companyId, reason, sourceId, manager);
    await this.audit(manager, auth, 'retention.subject-block.closed', reason, sourceId);
  }

  private async audit(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    reason: SubjectBlock['reason'],
    sourceId: string,
  ): Promise<void> {
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action,
      resourceType: 'retention-subject-block',
      resourceId: sourceId,
      outcome: 'success',
      requestId: auth.requestId,
      details: { reason },
    });
  }
}
