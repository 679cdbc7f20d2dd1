import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  dsrRequestCompleted,
  dsrRestrictionChanged,
  DsrStatus,
  DsrTaskAction,
  DsrType,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DsrSubject, DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrHeldRecords, DsrRequestRow, DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { findRequest } from '../requests/dsr-requests.service';
import { loadDsrSettings } from '../settings/dsr-settings';
import { erasureCertificate } from './erasure-certificate';
import { ErasureHoldGate } from './erasure-hold-gate';
import { dispatchTasks } from './task-dispatcher';

const FIRST_ACTION: Record<DsrType, DsrTaskAction> = {
  erasure: 'erase',
  access: 'export',
  portability: 'export',
  rectification: 'rectify',
  restriction: 'restrict',
  objection: 'restrict',
};

/**
 * Runs a request through its connectors: fans out, follows each task's reports, moves
 * to the next phase when every connector is done, and reports no step before it is.
 *
 * The subject is opened before a transaction begins, never inside one: the key ring reads
 * keys through connections of its own, and the embedded database serves no other
 * connection while a transaction holds its one session, so the two would wait on each
 * other. The sealed identifiers and changes never change after intake.
 */
@Injectable()
export class DsrProcessingService {
  private readonly logger = createLogger(DsrProcessingService.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('dsr')) private readonly outbox: OutboxRelay,
    private readonly cipher: DsrSubjectCipher,
    private readonly holds: ErasureHoldGate,
  ) {}

  /** Safe to call again: a request under way or done is answered as it stands. */
  async process(id: string, auth: AuthContext): Promise<void> {
    const settings = await loadDsrSettings(this.dataSource, auth.companyId);
    const holds = await this.holds.check(id, auth);
    const subject = await this.openSubject(id, auth);

    await this.dataSource.transaction(async (manager) => {
      const request = await findRequest(manager, id, auth.companyId, true);

      if (!['received', 'verified'].includes(request.status)) {
        if (request.status === 'rejected') {
          throw new ServiceError('conflict', 'a rejected request is not processed');
        }
        return;
      }

      const unverified = request.identifiers
        .map((identifier, index) => ({ identifier, index }))
        .filter(({ identifier }) => !identifier.verification);

      if (settings.verificationRequired && unverified.length > 0) {
        throw new ServiceError(
          'conflict',
          'every identifier must be verified before processing',
          unverified.map(({ index }) => ({
            path: `identifiers.${index}`,
            message: 'not verified',
          })),
        );
      }

      const connectors = await this.connectors(manager, auth.companyId);
      const action = FIRST_ACTION[request.type];

      if (await this.holds.withholds(manager, request, holds, auth)) {
        return;
      }

      await dispatchTasks(manager, request, action, connectors, subject, auth);
      await this.setStatus(manager, request, 'in_progress', action);

      if (request.type === 'restriction' || request.type === 'objection') {
        await addToOutbox(
          manager,
          DSR_SCHEMA,
          dsrRestrictionChanged,
          {
            requestId: request.id,
            kind: request.type,
            identifiers: subject.identifiers,
            purposes: request.purposes,
            active: true,
          },
          auth,
        );
      }

      await this.audit(manager, auth, 'dsr.processing', request.id, { action, connectors });
    });

    this.outbox.nudge();
  }

  /** The request's subject in clear, opened outside any transaction. */
  async openSubject(requestId: string, auth: AuthContext): Promise<DsrSubject> {
    return this.cipher.open(await findRequest(this.dataSource, requestId, auth.companyId));
  }

  /**
   * What a report needs opened before its transaction: the subject, when the report may
   * end a phase whose next one is sent to connectors. Progress needs nothing.
   */
  async subjectForReport(
    report: { requestId: string; status: 'running' | 'done' | 'failed' },
    auth: AuthContext,
  ): Promise<DsrSubject | undefined> {
    if (report.status === 'running') {
      return undefined;
    }

    const [request] = await this.dataSource.query<DsrRequestRow[]>(dsrQueries.request, [
      report.requestId,
      auth.companyId,
    ]);

    // A report on an unknown request is ignored where its task is looked up.
    return request ? this.cipher.open(request) : undefined;
  }

  /** A connector's report: the task moves forward, and the request when all are done. */
  async recordReport(
    manager: EntityManager,
    report: {
      taskId: string;
      status: 'running' | 'done' | 'failed';
      counts: Record<string, number>;
      remaining?: number;
      categories?: string[];
      held?: DsrHeldRecords[];
      error?: string;
    },
    auth: AuthContext,
    subject?: DsrSubject,
  ): Promise<void> {
    const [task] = await manager.query<DsrTaskRow[]>(dsrQueries.task, [
      report.taskId,
      auth.companyId,
    ]);

    if (!task) {
      this.logger.warn({ taskId: report.taskId }, 'report for an unknown task ignored');
      return;
    }

    // An UPDATE answers [rows, count] through TypeORM, not the rows alone.
    const [updated] = await manager.query<[DsrTaskRow[], number]>(dsrQueries.reportTask, [
      task.id,
      report.status,
      JSON.stringify(report.counts),
      report.remaining ?? null,
      JSON.stringify(report.categories ?? []),
      report.error ?? null,
      JSON.stringify(report.held ?? []),
    ]);

    if (updated.length === 0 || report.status === 'running') {
      return;
    }

    await this.audit(manager, auth, `dsr.task-${report.status}`, task.request_id, {
      connector: task.connector,
      action: task.action,
      counts: report.counts,
      ...(report.held?.length ? { held: report.held } : {}),
    });
    await this.advance(manager, task.request_id, auth, subject);
  }

  /**
   * Moves a request on once every task of its phase has ended. A phase followed by one
   * that is sent to connectors needs the subject, opened before the transaction.
   */
  async advance(
    manager: EntityManager,
    requestId: string,
    auth: AuthContext,
    subject?: DsrSubject,
  ): Promise<void> {
    const request = await findRequest(manager, requestId, auth.companyId, true);
    const phase = request.phase as DsrTaskAction | null;

    if (request.status !== 'in_progress' || !phase) {
      return;
    }

    const tasks = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [requestId, phase]);

    if (tasks.some((task) => task.status === 'pending' || task.status === 'running')) {
      return;
    }

    const failed = tasks.filter((task) => task.status === 'failed');

    if (failed.length > 0) {
      const names = failed.map((task) => `${task.connector}: ${task.error ?? 'failed'}`);
      await this.finish(manager, request, 'failed', auth, `connector failed (${names.join('; ')})`);
      return;
    }

    await this.nextPhase(manager, request, phase, tasks, auth, subject);
  }

  private async nextPhase(
    manager: EntityManager,
    request: DsrRequestRow,
    phase: DsrTaskAction,
    tasks: DsrTaskRow[],
    auth: AuthContext,
    subject: DsrSubject | undefined,
  ): Promise<void> {
    switch (phase) {
      case 'erase': {
        // Proof of erasure: a fresh lookup across the same connectors.
        await manager.query(dsrQueries.markErased, [request.id]);
        await dispatchTasks(
          manager,
          request,
          'recheck',
          tasks.map((t) => t.connector),
          opened(subject),
          auth,
        );
        await this.setStatus(manager, request, 'in_progress', 'recheck');
        return;
      }
      case 'recheck': {
        const remaining = tasks.filter((task) => (task.remaining ?? 0) > 0);

        if (remaining.length > 0) {
          const where = remaining.map((task) => `${task.connector} (${task.remaining})`).join(', ');
          await this.finish(manager, request, 'failed', auth, `personal data remains: ${where}`);
          return;
        }

        const erased = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [
          request.id,
          'erase',
        ]);
        const certificate = erasureCertificate(request.id, erased, tasks);
        await this.audit(manager, auth, 'dsr.erasure-certificate', request.id, certificate);
        // Completed either way; a partial erasure says so, and what the holds kept.
        await this.finish(manager, request, 'completed', auth, undefined, {
          outcome: certificate.outcome,
          keptUnderHold: certificate.totalKept,
        });
        return;
      }
      case 'export': {
        if (await this.exportComplete(manager, request.id, tasks)) {
          await this.finish(manager, request, 'completed', auth);
        }
        return;
      }
      case 'rollback':
        await this.finish(manager, request, 'rolled_back', auth);
        return;
      case 'rectify': {
        // Which fields changed and where, never a value: the old one is gone, the new one
        // is personal data.
        const { changes } = opened(subject);
        await this.audit(manager, auth, 'dsr.rectified', request.id, {
          fields: Object.keys(changes ?? {}).sort(),
          records: Object.fromEntries(tasks.map((task) => [task.connector, task.counts])),
        });
        await this.finish(manager, request, 'completed', auth);
        return;
      }
      default:
        await this.finish(manager, request, 'completed', auth);
    }
  }

  /** Chunks and reports travel separately: done means every reported record is stored. */
  private async exportComplete(manager: EntityManager, requestId: string, tasks: DsrTaskRow[]) {
    const stored = await manager.query<{ connector: string; entity: string; records: number }[]>(
      dsrQueries.exportedRecords,
      [requestId],
    );

    return tasks.every((task) =>
      Object.entries(task.counts).every(
        ([entity, count]) =>
          count === 0 ||
          stored.find((s) => s.connector === task.connector && s.entity === entity)?.records ===
            count,
      ),
    );
  }

  private async finish(
    manager: EntityManager,
    request: DsrRequestRow,
    status: DsrStatus,
    auth: AuthContext,
    reason?: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await manager.query(dsrQueries.setStatus, [
      request.id,
      request.company_id,
      status,
      null,
      reason ?? null,
    ]);
    await addToOutbox(
      manager,
      DSR_SCHEMA,
      dsrRequestCompleted,
      { requestId: request.id, type: request.type, status },
      auth,
    );
    await this.audit(manager, auth, `dsr.${status}`, request.id, {
      reason: reason ?? null,
      ...details,
    });
    this.logger.info({ requestId: request.id, status }, 'data subject request finished');
  }

  private async setStatus(
    manager: EntityManager,
    request: DsrRequestRow,
    status: DsrStatus,
    phase: string,
  ): Promise<void> {
    await manager.query(dsrQueries.setStatus, [
      request.id,
      request.company_id,
      status,
      phase,
      null,
    ]);
  }

  private async connectors(manager: EntityManager, companyId: string): Promise<string[]> {
    const rows = await manager.query<{ connector: string }[]>(dsrQueries.connectors, [companyId]);

    if (rows.length === 0) {
      throw new ServiceError('conflict', 'no connector holding personal data is registered');
    }

    return rows.map((row) => row.connector);
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

/** A caller that moves a request on opens its subject first; a missing one is a bug. */
function opened(subject: DsrSubject | undefined): DsrSubject {
  if (!subject) {
    throw new Error('the subject must be opened before the transaction that needs it');
  }

  return subject;
}
