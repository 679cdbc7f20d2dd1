import { setTimeout as sleep } from 'node:timers/promises';

import { recordAudit } from '@compliance/audit';
import { retentionRunCompleted } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { addToOutbox } from '@compliance/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { archiveBatch } from '../archive/batch-archiver';
import {
  ARCHIVE_PLACEMENT,
  ARCHIVE_STORE,
  ArchivePlacement,
  ArchiveStore,
} from '../archive/archive-store';
import { activeFilterHolds } from '../holds/active-filter-holds';
import { LOCK_HOLDS_SHARED } from '../holds/legal-holds.queries';
import { RETENTION_SCHEMA } from '../migrations/retention.migrations';
import { SELECT_POLICY_ANY_COMPANY } from '../policies/retention-policies.queries';
import { RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { applyBatch } from '../purge/batch-apply';
import { BatchPlan, planBatch } from '../purge/batch-plan';
import { parseBlockCursor } from '../purge/heap-blocks';
import { LeafBatch, LeafBatches } from '../purge/leaf-batches';
import { PurgeScope } from '../purge/purge.queries';
import { PurgeScopeFactory } from '../purge/purge-scope.factory';
import {
  OutboxNudge,
  RETENTION_DATA_SOURCE,
  RETENTION_OUTBOX,
  RETENTION_SETTINGS,
  RetentionSettings,
} from '../support/retention.tokens';
import { systemAuth } from '../support/system-auth';
import {
  ADD_TO_LOG,
  ADD_TO_LOG_AND_BEAT,
  FINISH_LOGS,
  FINISH_RUN,
  HEARTBEAT_RUN,
  SELECT_LOG_PROGRESS,
  SELECT_RUN,
  SELECT_RUN_TOTALS,
} from './run-ledger.queries';
import { RunOutcome, RunRow, touchesChildren } from './retention-run.types';

/**
 * Waits for holds being created or released to commit (the next statement then sees
 * them), and turns JIT off for the transaction: a batch is small and planned anew each
 * time, so compiling it costs more than it saves.
 */
const START_BATCH = `WITH held AS (${LOCK_HOLDS_SHARED.trim()})
  SELECT set_config('jit', 'off', true) FROM held`;

export interface ExecuteOptions {
  /** Stops after the batch in flight; the run stays `running` and resumes later. */
  signal?: AbortSignal;
}

/**
 * Runs (or resumes) a started run to its end: one transaction per batch holding the
 * deletions, the archive check, the audit entry and the log's new figures and cursor,
 * then a pause so the CRM's own writes get their turn.
 */
@Injectable()
export class PurgeExecutor {
  private readonly logger = createLogger(PurgeExecutor.name);

  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RETENTION_OUTBOX) private readonly outbox: OutboxNudge,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(ARCHIVE_PLACEMENT) private readonly placement: ArchivePlacement,
    private readonly scopes: PurgeScopeFactory,
  ) {}

  async execute(runId: string, options: ExecuteOptions = {}): Promise<RunOutcome> {
    const [run]: RunRow[] = await this.dataSource.query(SELECT_RUN, [runId]);
    const [policy]: RetentionPolicyRow[] = await this.dataSource.query(SELECT_POLICY_ANY_COMPANY, [
      run.policy_id,
    ]);

    if (run.status !== 'running') {
      return { runId, status: run.status };
    }

    const scope = await this.scopes.build(policy, run.started_at);
    const progress: { cursor_key: string | null; batches: number }[] = await this.dataSource.query(
      SELECT_LOG_PROGRESS,
      [runId, policy.entity],
    );
    let cursor = progress[0]?.cursor_key ?? null;
    let batch = progress[0]?.batches ?? 0;
    const leaf = new LeafBatches(this.settings.batchSize);
    // Read once, before any batch's transaction: the embedded database serves one session.
    const archivePrefix =
      policy.method === 'archive' ? await this.placement.prefixFor(run.company_id) : '';

    try {
      for (;;) {
        const next = await this.runBatch(
          run,
          policy,
          { ...scope, cutoff: run.cutoff },
          cursor,
          batch,
          leaf,
          archivePrefix,
        );

        if (next === null) break;

        cursor = next;
        batch += 1;

        if (options.signal?.aborted) {
          this.logger.info({ runId, batch }, 'retention run stopped; it resumes from its cursor');
          return { runId, status: 'running' };
        }

        await sleep(this.settings.pauseMs);
      }
    } catch (error) {
      await this.fail(run, policy, error);
      throw error;
    }

    await this.finish(run, policy);
    return { runId, status: 'completed' };
  }

  /** One batch in one transaction; returns the new cursor, or null when nothing is left. */
  private runBatch(
    run: RunRow,
    policy: RetentionPolicyRow,
    scope: PurgeScope,
    cursor: string | null,
    batch: number,
    leaf: LeafBatches,
    archivePrefix: string,
  ): Promise<string | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(START_BATCH, [run.company_id]);

      const holds = await activeFilterHolds(manager, run.company_id);

      if (policy.method === 'hard' && scope.dataMap.childrenOf(policy.entity).length === 0) {
        const done = await leaf.next(manager, scope, holds, cursor);

        if (done) await this.recordLeafBatch(manager, run, scope, done);
        return done?.cursor ?? null;
      }

      const plan = await planBatch(manager, scope, {
        // A block cursor left by a leaf pass whose policy changed method starts over by key.
        cursor: parseBlockCursor(cursor) === undefined ? cursor : null,
        limit: this.settings.batchSize,
        lock: true,
        withChildren: touchesChildren(policy.method),
        holds,
      });

      if (plan.lastKey === null) {
        return null;
      }

      const archive =
        policy.method === 'archive' && hasWork(plan)
          ? await archiveBatch(
              manager,
              this.store,
              scope.dataMap,
              plan,
              run.company_id,
              archiveKey(archivePrefix, run, batch),
            )
          : undefined;
      const changed = await applyBatch(
        manager,
        scope.dataMap,
        policy.entity,
        policy.method,
        plan,
        run.company_id,
        policy.soft_delete_column,
      );

      for (const [entity, tally] of plan.tallies) {
        const root = entity === policy.entity;

        await manager.query(ADD_TO_LOG, [
          run.id,
          run.company_id,
          run.policy_id,
          run.policy_version,
          entity,
          tally.matched,
          changed.get(entity) ?? 0,
          archive?.archived.get(entity) ?? 0,
          tally.skipped,
          0,
          root ? plan.lastKey : null,
          root ? 1 : 0,
          archive ? archive.location : null,
        ]);
      }

      await this.recordBatch(manager, run, {
        changed: Object.fromEntries(changed),
        skipped: Object.fromEntries([...plan.tallies].map(([name, t]) => [name, t.skipped])),
      });
      await manager.query(HEARTBEAT_RUN, [run.id]);
      return plan.lastKey;
    });
  }

  /** The log's figures and cursor move with the deletions; an empty range audits nothing. */
  private async recordLeafBatch(
    manager: EntityManager,
    run: RunRow,
    scope: PurgeScope,
    batch: LeafBatch,
  ): Promise<void> {
    await manager.query(ADD_TO_LOG_AND_BEAT, [
      run.id,
      run.company_id,
      run.policy_id,
      run.policy_version,
      scope.entity.name,
      batch.deleted + batch.skipped,
      batch.deleted,
      0,
      batch.skipped,
      0,
      batch.cursor,
      1,
      null,
    ]);

    if (batch.deleted + batch.skipped > 0) {
      await this.recordBatch(manager, run, {
        changed: { [scope.entity.name]: batch.deleted },
        skipped: { [scope.entity.name]: batch.skipped },
      });
    }
  }

  private async recordBatch(
    manager: EntityManager,
    run: RunRow,
    figures: { changed: Record<string, number>; skipped: Record<string, number> },
  ): Promise<void> {
    await recordAudit(manager, {
      companyId: run.company_id,
      actor: { type: 'system', id: `retention-run:${run.id}` },
      action: 'retention.records.purged',
      resourceType: 'retention-run',
      resourceId: run.id,
      outcome: 'success',
      details: { policyId: run.policy_id, policyVersion: run.policy_version, ...figures },
    });
  }

  private async finish(run: RunRow, policy: RetentionPolicyRow): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [totals]: { deleted: string; skipped: string }[] = await manager.query(
        SELECT_RUN_TOTALS,
        [run.id],
      );

      // A run that matched nothing still leaves a log for its entity: it did run.
      await manager.query(ADD_TO_LOG, [
        run.id,
        run.company_id,
        run.policy_id,
        run.policy_version,
        policy.entity,
        0,
        0,
        0,
        0,
        0,
        null,
        0,
        null,
      ]);
      await manager.query(FINISH_RUN, [run.id, 'completed']);
      await manager.query(FINISH_LOGS, [run.id, 'completed']);
      await recordAudit(manager, {
        companyId: run.company_id,
        actor: { type: 'system', id: `retention-run:${run.id}` },
        action: 'retention.run.completed',
        resourceType: 'retention-run',
        resourceId: run.id,
        outcome: 'success',
        details: { policyId: run.policy_id, deleted: Number(totals.deleted) },
      });
      await addToOutbox(
        manager,
        RETENTION_SCHEMA,
        retentionRunCompleted,
        {
          runId: run.id,
          companyId: run.company_id,
          policyId: run.policy_id,
          status: 'completed',
          deleted: Number(totals.deleted),
          skipped: Number(totals.skipped),
        },
        systemAuth(run.company_id, 'retention'),
      );
    });

    this.outbox.nudge();
    this.logger.info({ runId: run.id, policyId: run.policy_id }, 'retention run completed');
  }

  /** The failed batch rolled back; what earlier batches did stays, counted in the log. */
  private async fail(run: RunRow, policy: RetentionPolicyRow, error: unknown): Promise<void> {
    this.logger.error({ err: error, runId: run.id }, 'retention run failed');

    await this.dataSource.transaction(async (manager) => {
      await manager.query(ADD_TO_LOG, [
        run.id,
        run.company_id,
        run.policy_id,
        run.policy_version,
        policy.entity,
        0,
        0,
        0,
        0,
        1,
        null,
        0,
        null,
      ]);
      await manager.query(FINISH_RUN, [run.id, 'failed']);
      await manager.query(FINISH_LOGS, [run.id, 'failed']);
      await recordAudit(manager, {
        companyId: run.company_id,
        actor: { type: 'system', id: `retention-run:${run.id}` },
        action: 'retention.run.failed',
        resourceType: 'retention-run',
        resourceId: run.id,
        outcome: 'failure',
        details: {
          policyId: run.policy_id,
          error: error instanceof Error ? error.name : 'unknown',
        },
      });
    });
  }
}

function hasWork(plan: BatchPlan): boolean {
  return [...plan.tallies.values()].some((tally) => tally.affected.length > 0);
}

/** `<placement>/<policy>/<run>/<batch>.jsonl.gz`: a run's archives sit together. */
function archiveKey(prefix: string, run: RunRow, batch: number): string {
  return `${prefix}/${run.policy_id}/${run.id}/${String(batch).padStart(6, '0')}.jsonl.gz`;
}
