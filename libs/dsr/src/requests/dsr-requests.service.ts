import { createHash, randomUUID } from 'node:crypto';

import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  createDsrRequest,
  dsrRequestExtended,
  DsrRequestView,
  extendDsrRequest,
  listDsrRequests,
  Page,
  RequestOf,
  ServiceError,
  updateDsrRequest,
  verifyDsrRequest,
} from '@compliance/contracts';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { companyDueDate, policyExtension } from '../deadlines/company-deadline';
import { dueDate, extendedDueDate } from '../deadlines/deadline-rules';
import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrNoticeMailer } from '../notices/dsr-notice-mailer.service';
import { dsrNoticeQueries } from '../notices/dsr-notice.queries';
import { loadDsrSettings } from '../settings/dsr-settings';
import { DsrRequestRow, DsrTaskRow, toRequestView } from './dsr-request.row';
import { dsrQueries } from './dsr.queries';

/** Intake and the steps before processing: listing, verification, rejection, extension. */
@Injectable()
export class DsrRequestsService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('dsr')) private readonly outbox: OutboxRelay,
    private readonly cipher: DsrSubjectCipher,
    private readonly mails: DsrNoticeMailer,
  ) {}

  async create(input: RequestOf<typeof createDsrRequest>, auth: AuthContext) {
    const settings = await loadDsrSettings(this.dataSource, auth.companyId);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
    const id = randomUUID();
    const plain = input.identifiers.map((identifier) => ({
      kind: identifier.kind,
      value: identifier.value.trim(),
      verification: identifier.verification ?? null,
    }));
    const identifiers = await this.cipher.sealIdentifiers(auth.companyId, id, plain);
    const indexes = await this.cipher.indexes(auth.companyId, plain);
    const changes = await this.cipher.sealChanges(auth.companyId, id, input.changes);

    const row = await this.dataSource.transaction(async (manager) => {
      const [duplicate] = await manager.query<{ id: string }[]>(dsrQueries.openDuplicate, [
        auth.companyId,
        indexes,
        input.type,
      ]);
      const [created] = await manager.query<DsrRequestRow[]>(dsrQueries.insertRequest, [
        id,
        auth.companyId,
        input.type,
        input.jurisdiction,
        input.channel,
        input.requester.name,
        input.requester.relation,
        JSON.stringify(identifiers),
        subjectKeyOf(indexes),
        indexes,
        JSON.stringify(input.purposes),
        changes,
        duplicate?.id ?? null,
        receivedAt,
        companyDueDate(
          dueDate(input.jurisdiction, receivedAt, settings.timeZone),
          receivedAt,
          settings,
          settings.timeZone,
        ),
      ]);

      await this.audit(manager, auth, 'dsr.received', created.id, {
        type: input.type,
        jurisdiction: input.jurisdiction,
        channel: input.channel,
        identifierKinds: identifiers.map((i) => i.kind),
        duplicateOf: duplicate?.id ?? null,
      });
      return created;
    });

    return toRequestView(row, []);
  }

  async list(
    query: RequestOf<typeof listDsrRequests>,
    auth: AuthContext,
  ): Promise<Page<DsrRequestView>> {
    const status = query.status ?? null;
    const rows = await this.dataSource.query<DsrRequestRow[]>(dsrQueries.list, [
      auth.companyId,
      status,
      query.limit,
      query.offset,
    ]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(dsrQueries.count, [
      auth.companyId,
      status,
    ]);
    const tasks = await this.tasksOf(rows.map((row) => row.id));

    return {
      items: rows.map((row) =>
        toRequestView(
          row,
          tasks.filter((t) => t.request_id === row.id),
        ),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(id: string, auth: AuthContext): Promise<DsrRequestView> {
    const row = await findRequest(this.dataSource, id, auth.companyId);
    return toRequestView(row, await this.tasksOf([id]));
  }

  async update(input: RequestOf<typeof updateDsrRequest>, auth: AuthContext) {
    await this.dataSource.transaction(async (manager) => {
      const row = await findRequest(manager, input.id, auth.companyId, true);

      if (input.requesterName !== undefined) {
        await manager.query(dsrQueries.setRequester, [row.id, auth.companyId, input.requesterName]);
      }

      if (input.status === 'rejected') {
        if (!['received', 'verified'].includes(row.status)) {
          throw new ServiceError('conflict', `a request ${row.status} can no longer be rejected`);
        }
        if (!input.reason) {
          throw ServiceError.badRequest('a rejection needs its reason', [
            { path: 'reason', message: 'required when status is rejected' },
          ]);
        }
        await manager.query(dsrQueries.setStatus, [
          row.id,
          auth.companyId,
          'rejected',
          null,
          input.reason,
        ]);
      }

      await this.audit(manager, auth, 'dsr.updated', row.id, {
        status: input.status ?? row.status,
        requesterChanged: input.requesterName !== undefined,
      });
    });

    return this.get(input.id, auth);
  }

  /** Records how each identifier was verified; all verified moves the request on. */
  async verify(input: RequestOf<typeof verifyDsrRequest>, auth: AuthContext) {
    await this.dataSource.transaction(async (manager) => {
      const row = await findRequest(manager, input.id, auth.companyId, true);

      if (!['received', 'verified'].includes(row.status)) {
        throw new ServiceError('conflict', `a request ${row.status} is past verification`);
      }

      const identifiers = [...row.identifiers];

      for (const verification of input.verifications) {
        if (!identifiers[verification.index]) {
          throw ServiceError.badRequest('no identifier at this position', [
            { path: `verifications.${verification.index}`, message: 'out of range' },
          ]);
        }
        identifiers[verification.index] = {
          ...identifiers[verification.index],
          verification: { method: verification.method, verifiedAt: verification.verifiedAt },
        };
      }

      const allVerified = identifiers.every((identifier) => identifier.verification);
      await manager.query(dsrQueries.setIdentifiers, [
        row.id,
        auth.companyId,
        JSON.stringify(identifiers),
        allVerified ? 'verified' : row.status,
      ]);
      await this.audit(manager, auth, 'dsr.verified', row.id, {
        methods: input.verifications.map((v) => ({ index: v.index, method: v.method })),
        allVerified,
      });
    });

    return this.get(input.id, auth);
  }

  /**
   * Extends the deadline once, and tells the subject by mail with the reason. The mail row
   * commits with the extension; the mail goes out after it, and one that fails, even in the
   * database, is tried again by the daily deadline run rather than answered as an error: the
   * extension stands. The request shows when the mail went (`extensionNotifiedAt`).
   */
  async extend(input: RequestOf<typeof extendDsrRequest>, auth: AuthContext) {
    const settings = await loadDsrSettings(this.dataSource, auth.companyId);

    const mailId = await this.dataSource.transaction(async (manager) => {
      const row = await findRequest(manager, input.id, auth.companyId, true);
      const decision = extendedDueDate(row.jurisdiction, row.received_at, settings.timeZone, {
        months: input.months,
        alreadyExtended: row.extended_due_at !== null,
        now: new Date(),
      });

      if (!decision.allowed) {
        throw new ServiceError('conflict', decision.reason);
      }

      // The law allows it; the company's policies may allow less (see `policyExtension`).
      const extension = policyExtension(
        row.due_at,
        decision.dueAt,
        settings,
        settings.enforcement,
        settings.timeZone,
      );

      if (extension.kind === 'refused') {
        throw new ServiceError('conflict', extension.reason);
      }

      const dueAt = extension.dueAt;

      await manager.query(dsrQueries.extend, [row.id, auth.companyId, dueAt, input.reason]);
      await addToOutbox(
        manager,
        DSR_SCHEMA,
        dsrRequestExtended,
        { requestId: row.id, dueAt: dueAt.toISOString(), reason: input.reason },
        auth,
      );
      await this.audit(manager, auth, 'dsr.extended', row.id, {
        dueAt: dueAt.toISOString(),
        months: input.months ?? null,
        policy:
          extension.kind === 'as-law' ? null : { kind: extension.kind, reason: extension.reason },
      });
      const [mail] = await manager.query<{ id: string }[]>(dsrNoticeQueries.insertMail, [
        auth.companyId,
        row.id,
        'extension',
      ]);
      return mail.id;
    });

    this.outbox.nudge();
    await this.mails.deliverAfterCommit(mailId);
    return this.get(input.id, auth);
  }

  private async tasksOf(ids: string[]): Promise<DsrTaskRow[]> {
    return ids.length === 0 ? [] : this.dataSource.query<DsrTaskRow[]>(dsrQueries.tasksOf, [ids]);
  }

  private audit(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    requestId: string,
    details: Record<string, unknown>,
  ) {
    return recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action,
      resourceType: 'dsr-request',
      resourceId: requestId,
      outcome: 'success',
      requestId: auth.requestId,
      details,
    });
  }
}

/** Another company's request is simply not found. */
export async function findRequest(
  db: DataSource | EntityManager,
  id: string,
  companyId: string,
  lock = false,
): Promise<DsrRequestRow> {
  const [row] = await db.query<DsrRequestRow[]>(
    lock ? dsrQueries.requestForUpdate : dsrQueries.request,
    [id, companyId],
  );

  if (!row) {
    throw ServiceError.notFound('data subject request');
  }

  return row;
}

/** The whole set of identifiers as one key, from their keyed blind indexes, not the values. */
function subjectKeyOf(indexes: string[]): string {
  return createHash('sha256').update(indexes.join('|')).digest('hex');
}
