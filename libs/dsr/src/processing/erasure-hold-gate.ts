import { setTimeout as sleep } from 'node:timers/promises';

import { recordAudit } from '@compliance/audit';
import { AppConfig, APP_CONFIG } from '@compliance/config';
import {
  AuthContext,
  checkLegalHold,
  dsrRequestCompleted,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrRequestRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';

const ATTEMPTS = 3;
const BACKOFF_MS = 250;

type Identifier = { kind: 'email' | 'phone' | 'external_id'; value: string };

/**
 * A legal hold beats an erasure as it beats a retention purge. Before an erasure fans
 * out, the retention service is asked whether a hold covers the subject; when one does,
 * the request is refused with the reason (GDPR art. 17(3)(e): legal claims) and audited.
 * When the retention service does not answer, nothing is erased: the request stays as it
 * was and the caller is told to process it again.
 */
@Injectable()
export class ErasureHoldGate {
  private readonly logger = createLogger(ErasureHoldGate.name);

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when a hold withheld the erasure and the request was closed as refused. */
  async withholds(
    manager: EntityManager,
    request: DsrRequestRow,
    identifiers: readonly Identifier[],
    auth: AuthContext,
  ): Promise<boolean> {
    if (request.type !== 'erasure') {
      return false;
    }

    const holdIds = new Set<string>();

    for (const identifier of identifiers) {
      const answer = await this.ask(identifier, auth);
      answer.holdIds.forEach((id) => holdIds.add(id));
    }

    if (holdIds.size === 0) {
      return false;
    }

    // TODO(entity holds in DSR): only holds on the subject are consulted; a hold on an
    // entity or a filter cannot yet exclude that entity from a connector's erasure task.
    const reason =
      `erasure withheld: ${holdIds.size} legal hold(s) cover this subject ` +
      '(GDPR art. 17(3)(e)); a new request can follow once they are released';
    await manager.query(dsrQueries.setStatus, [
      request.id,
      request.company_id,
      'rejected',
      null,
      reason,
    ]);
    await addToOutbox(
      manager,
      DSR_SCHEMA,
      dsrRequestCompleted,
      { requestId: request.id, type: request.type, status: 'rejected' },
      auth,
    );
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action: 'dsr.erasure-withheld',
      resourceType: 'dsr-request',
      resourceId: request.id,
      outcome: 'success',
      requestId: auth.requestId,
      details: { holdIds: [...holdIds].sort() },
    });
    return true;
  }

  private async ask(identifier: Identifier, auth: AuthContext) {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const reply = await this.bus
        .request(
          checkLegalHold.subject,
          { context: auth, payload: { subject: identifier } },
          this.config.nats.requestTimeoutMs,
        )
        .catch((error: unknown) => {
          this.logger.warn({ err: error, attempt }, 'legal-hold check failed');
          return undefined;
        });

      if (reply?.ok) {
        return checkLegalHold.response.parse(reply.data);
      }

      if (reply) {
        this.logger.warn({ code: reply.error.code, attempt }, 'legal-hold check refused');
      }

      if (attempt < ATTEMPTS) {
        await sleep(BACKOFF_MS * attempt);
      }
    }

    throw new ServiceError(
      'service_unavailable',
      'the retention service did not answer whether a legal hold covers the subject; ' +
        'nothing was erased, process the request again later',
    );
  }
}
