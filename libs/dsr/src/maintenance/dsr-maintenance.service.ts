import { randomUUID } from 'node:crypto';

import { recordAudit } from '@compliance/audit';
import { AuthContext, dsrDeadlineApproaching } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox, OutboxRelay } from '@compliance/messaging';
import { dataSourceToken, outboxRelayToken } from '@compliance/platform';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { calendarDaysBetween } from '../deadlines/zoned-calendar';
import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DsrExportExpiryService } from '../exports/dsr-export-expiry.service';
import { DSR_SCHEMA } from '../migrations/dsr.migrations';
import { DsrNoticeMailer } from '../notices/dsr-notice-mailer.service';
import { dsrNoticeQueries } from '../notices/dsr-notice.queries';
import { DsrRequestRow, DsrTaskRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { DsrProcessingService } from '../processing/dsr-processing.service';
import { loadDsrSettings, DEFAULT_DSR_SETTINGS } from '../settings/dsr-settings';
import { dispatchTasks, sendTask } from '../processing/task-dispatcher';

/** A task silent this long is sent again; the sweep runs well inside the hour. */
export const STALLED_AFTER_MS = 10 * 60_000;
const MAX_TASK_ATTEMPTS = 5;
const NOTICES = [
  { days: 7, notice: 'due_in_7_days' },
  { days: 3, notice: 'due_in_3_days' },
  { days: 1, notice: 'due_in_1_day' },
] as const;

/** The service's clock; tests drive deadlines through it. */
export const DSR_CLOCK = Symbol('DSR_CLOCK');

function systemAuth(companyId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: 'dsr-scheduler' },
    scopes: ['admin'],
  };
}

/** The scheduled work: deadline notices, stalled tasks, expired snapshots and exports. */
@Injectable()
export class DsrMaintenanceService {
  private readonly logger = createLogger(DsrMaintenanceService.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(outboxRelayToken('dsr')) private readonly outbox: OutboxRelay,
    private readonly processing: DsrProcessingService,
    private readonly cipher: DsrSubjectCipher,
    private readonly mails: DsrNoticeMailer,
    private readonly exportExpiry: DsrExportExpiryService,
    @Optional() @Inject(DSR_CLOCK) private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The hourly sweep, done by one replica per hour. */
  async retryStalledOnce(now = this.clock()): Promise<{ ran: boolean; retried: number }> {
    if (!(await this.claim('retry-stalled', now.toISOString().slice(0, 13)))) {
      return { ran: false, retried: 0 };
    }

    return { ran: true, retried: await this.retryStalled(now) };
  }

  /** The daily shredding, done by one replica per day. */
  async shredExpiredSnapshotsOnce(now = this.clock()): Promise<{ ran: boolean; shredded: number }> {
    if (!(await this.claim('shred-snapshots', now.toISOString().slice(0, 10)))) {
      return { ran: false, shredded: 0 };
    }

    return { ran: true, shredded: await this.shredExpiredSnapshots(now) };
  }

  /**
   * Raises each notice once per request: 7, 3 and 1 days before the due date, and overdue.
   * The run row makes one replica do a day's run; the notice rows make a rerun harmless.
   * Each notice's mail row is written with it, so it is mailed once too; the mails go out
   * after the events are committed, and one that fails is tried again by the next run.
   */
  async checkDeadlines(
    now = this.clock(),
  ): Promise<{ ran: boolean; notices: number; mailed: number }> {
    if (!(await this.claim('check-deadlines', now.toISOString().slice(0, 10)))) {
      return { ran: false, notices: 0, mailed: 0 };
    }

    let notices = 0;
    const open = await this.dataSource.query<DsrRequestRow[]>(dsrQueries.openRequests);

    for (const request of open) {
      const settings = await loadDsrSettings(this.dataSource, request.company_id);
      const due = request.extended_due_at ?? request.due_at;
      const days = calendarDaysBetween(now, due, settings.timeZone);
      const notice =
        due < now ? 'overdue' : NOTICES.find((candidate) => candidate.days === days)?.notice;

      if (!notice) {
        continue;
      }

      const sent = await this.dataSource.transaction(async (manager) => {
        const [fresh] = await manager.query<unknown[]>(dsrQueries.recordNotice, [
          request.id,
          notice,
        ]);

        if (fresh) {
          const auth = systemAuth(request.company_id);
          await manager.query(dsrNoticeQueries.insertMail, [
            request.company_id,
            request.id,
            notice,
          ]);
          await addToOutbox(
            manager,
            DSR_SCHEMA,
            dsrDeadlineApproaching,
            { requestId: request.id, notice, dueAt: due.toISOString() },
            auth,
          );
          await recordAudit(manager, {
            companyId: request.company_id,
            actor: auth.actor,
            action: 'dsr.deadline-notice',
            resourceType: 'dsr-request',
            resourceId: request.id,
            outcome: 'success',
            requestId: auth.requestId,
            details: { notice, dueAt: due.toISOString() },
          });
        }
        return Boolean(fresh);
      });
      notices += sent ? 1 : 0;
    }

    this.outbox.nudge();
    const mailed = await this.mails.deliverUnsent();
    this.logger.info({ notices, mailed }, 'deadline notices raised');
    return { ran: true, notices, mailed };
  }

  /** Sends silent tasks again with back-off in attempts; gives up after a few, by name. */
  async retryStalled(now = this.clock()): Promise<number> {
    const stalled = await this.dataSource.query<DsrTaskRow[]>(dsrQueries.stalledTasks, [
      new Date(now.getTime() - STALLED_AFTER_MS),
    ]);

    for (const task of stalled) {
      // Opened before the transaction: the key ring needs connections of its own.
      const subject = await this.processing.openSubject(
        task.request_id,
        systemAuth((task as DsrTaskRow & { company_id: string }).company_id),
      );

      await this.dataSource.transaction(async (manager) => {
        const [request] = await manager.query<DsrRequestRow[]>(dsrQueries.request, [
          task.request_id,
          (task as DsrTaskRow & { company_id: string }).company_id,
        ]);
        const auth = systemAuth(request.company_id);

        if (task.attempts >= MAX_TASK_ATTEMPTS) {
          await this.processing.recordReport(
            manager,
            {
              taskId: task.id,
              status: 'failed',
              counts: task.counts,
              error: 'no answer from the connector',
            },
            auth,
            subject,
          );
          return;
        }

        const [[retried]] = await manager.query<[DsrTaskRow[], number]>(dsrQueries.retryTask, [
          task.id,
        ]);
        await sendTask(manager, request, retried, subject, auth);
      });
    }

    this.outbox.nudge();
    return stalled.length;
  }

  /** Destroys the snapshots of erasures past their rollback window. */
  async shredExpiredSnapshots(now = this.clock()): Promise<number> {
    const due = await this.dataSource.query<DsrRequestRow[]>(dsrQueries.erasuresToShred, [
      now,
      DEFAULT_DSR_SETTINGS.rollbackDays,
    ]);

    for (const request of due) {
      const subject = await this.cipher.open(request);

      await this.dataSource.transaction(async (manager) => {
        const auth = systemAuth(request.company_id);
        const erased = await manager.query<DsrTaskRow[]>(dsrQueries.tasksOfPhase, [
          request.id,
          'erase',
        ]);

        await dispatchTasks(
          manager,
          request,
          'shred',
          erased.map((t) => t.connector),
          subject,
          auth,
        );
        await manager.query(dsrQueries.markShredded, [request.id, now]);
        await recordAudit(manager, {
          companyId: request.company_id,
          actor: auth.actor,
          action: 'dsr.snapshot-shredded',
          resourceType: 'dsr-request',
          resourceId: request.id,
          outcome: 'success',
          requestId: auth.requestId,
          details: { connectors: erased.map((t) => t.connector) },
        });
      });
    }

    await this.deleteExpiredExports(now);
    this.outbox.nudge();
    this.logger.info({ shredded: due.length }, 'expired erasure snapshots shredded');
    return due.length;
  }

  /** Exports and their links past their time are deleted, sealed parts and all. */
  async deleteExpiredExports(now = this.clock()): Promise<void> {
    await this.exportExpiry.deleteExpired(now);
  }

  private async claim(job: string, runKey: string): Promise<boolean> {
    const [claimed] = await this.dataSource.query<unknown[]>(dsrQueries.claimJobRun, [job, runKey]);
    return Boolean(claimed);
  }
}
