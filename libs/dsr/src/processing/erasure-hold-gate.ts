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
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';

import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrRequestRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { findRequest } from '../requests/dsr-requests.service';

const ATTEMPTS = 3;
const BACKOFF_MS = 250;

type Identifier = { kind: 'email' | 'phone' | 'external_id'; value: string };

/** The holds found on a request's subject; empty when none, or when it is no erasure. */
export interface HoldVerdict {
  holdIds: string[];
}

/**
 * A legal hold beats an erasure as it beats a retention purge. Before an erasure fans
 * out, the retention service is asked whether a hold covers the subject; when one does,
 * the request is refused with the reason (GDPR art. 17(3)(e): legal claims) and audited.
 * Holds on an entity or a filter keep only the records they cover: each connector asks
 * about its own records before it erases, keeps the held ones and reports them, and the
 * request completes as a partial erasure (see `erasureCertificate`).
 * When the retention service does not answer, nothing is erased: the request stays as it
 * was and the caller is told to process it again. The question is asked before the
 * processing transaction opens: the retention service needs the database to answer, and
 * the embedded database runs one transaction at a time.
 */
@Injectable()
export class ErasureHoldGate {
  private readonly logger = createLogger(ErasureHoldGate.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly cipher: DsrSubjectCipher,
  ) {}

  /** Asks about an erasure still to start; anything else needs no answer. */
  async check(id: string, auth: AuthContext): Promise<HoldVerdict> {
    const request = await findRequest(this.dataSource, id, auth.companyId);

    if (request.type !== 'erasure' || !['received', 'verified'].includes(request.status)) {
      return { holdIds: [] };
    }

    const holdIds = new Set<string>();

    for (const identifier of (await this.cipher.open(request)).identifiers) {
      const answer = await this.ask(identifier, auth);
      answer.holdIds.forEach((holdId) => holdIds.add(holdId));
    }

    return { holdIds: [...holdIds].sort() };
  }

  /** True when a hold withheld the erasure and the request was closed as refused. */
  async withholds(
    manager: EntityManager,
    request: DsrRequestRow,
    verdict: HoldVerdict,
    auth: AuthContext,
  ): Promise<boolean> {
    if (request.type !== 'erasure' || verdict.holdIds.length === 0) {
      return false;
    }

    const holdIds = verdict.holdIds;

    const reason =
      `erasure withheld: ${holdIds.length} legal hold(s) cover this subject ` +
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
      details: { holdIds },
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
