import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  executeRetentionPolicy,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { RetentionPoliciesService } from '../policies/retention-policies.service';
import { cutoffOf, RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { purgeQueries } from '../purge/purge.queries';
import { PurgeScopeFactory } from '../purge/purge-scope.factory';
import { Clock, RETENTION_CLOCK, RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { queryRows } from '../support/query-rows';
import { PurgeExecutor } from './purge-executor.service';
import { RetentionPreviewService } from './retention-preview.service';
import { INSERT_RUN, SELECT_PREVIEW } from './run-ledger.queries';
import { RunRow, RunTrigger } from './retention-run.types';

export interface StartOptions {
  previewId?: string;
  maxGrowthPercent?: number;
  trigger: RunTrigger;
  /** A scheduled run's slot: the first replica to claim it runs, the others do nothing. */
  scheduleSlot?: string;
}

/** Starts runs: checks a bound preview, claims the slot, records the run, then executes. */
@Injectable()
export class RetentionRunsService {
  private readonly logger = createLogger(RetentionRunsService.name);

  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RETENTION_CLOCK) private readonly clock: Clock,
    private readonly policies: RetentionPoliciesService,
    private readonly previews: RetentionPreviewService,
    private readonly executor: PurgeExecutor,
    private readonly scopes: PurgeScopeFactory,
  ) {}

  /**
   * The execute route: a preview answers at once; a run is started, answered with its
   * id, and carries on in the background (its logs show its progress).
   */
  async handle(
    input: RequestOf<typeof executeRetentionPolicy>,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof executeRetentionPolicy>> {
    const policy = await this.policies.row(input.id, auth.companyId);

    if (input.preview) {
      return this.previews.preview(policy, auth);
    }

    const run = await this.start(policy, auth, {
      trigger: 'api',
      previewId: input.previewId,
      maxGrowthPercent: input.maxGrowthPercent,
    });

    if (!run) {
      throw new ServiceError('conflict', 'the policy is not active');
    }

    this.executor.execute(run.id).catch((error: unknown) => {
      // Recorded as failed with its log by the executor; nothing else to do here.
      this.logger.error({ err: error, runId: run.id }, 'retention run ended in failure');
    });

    return {
      kind: 'run',
      runId: run.id,
      policyId: policy.id,
      policyVersion: policy.version,
      status: 'running',
    };
  }

  /** Records a run, or returns undefined when a scheduled slot is already claimed. */
  async start(
    policy: RetentionPolicyRow,
    auth: AuthContext,
    options: StartOptions,
  ): Promise<RunRow | undefined> {
    if (!policy.active) {
      return undefined;
    }

    if (options.previewId) {
      await this.checkPreview(policy, auth, options.previewId, options.maxGrowthPercent ?? 0);
    }

    const now = this.clock.now();

    return this.dataSource.transaction(async (manager) => {
      const [run] = await queryRows<RunRow>(manager, INSERT_RUN, [
        policy.company_id,
        policy.id,
        policy.version,
        options.trigger,
        options.scheduleSlot ?? null,
        options.previewId ?? null,
        cutoffOf(policy.period_days, now),
        'running',
        now,
      ]);

      if (!run) {
        return undefined;
      }

      await recordAudit(manager, {
        companyId: policy.company_id,
        actor: auth.actor,
        action: 'retention.run.started',
        resourceType: 'retention-run',
        resourceId: run.id,
        outcome: 'success',
        requestId: auth.requestId,
        details: { policyId: policy.id, version: policy.version, trigger: options.trigger },
      });
      return run;
    });
  }

  /**
   * A run bound to a preview refuses to start when the set it would touch has grown past
   * the approved figure by more than the stated margin.
   */
  private async checkPreview(
    policy: RetentionPolicyRow,
    auth: AuthContext,
    previewId: string,
    maxGrowthPercent: number,
  ): Promise<void> {
    const [preview]: { policy_id: string; policy_version: number; matched: string }[] =
      await this.dataSource.query(SELECT_PREVIEW, [previewId, policy.company_id]);

    if (!preview || preview.policy_id !== policy.id) {
      throw ServiceError.notFound('retention preview');
    }

    if (preview.policy_version !== policy.version) {
      throw new ServiceError('conflict', 'the policy changed since this preview', [
        { path: 'previewId', message: `previewed version ${preview.policy_version}` },
      ]);
    }

    const scope = await this.scopes.build(policy, this.clock.now());
    const count = purgeQueries.countCandidates(scope);
    const [{ count: now }]: { count: string }[] = await this.dataSource.query(
      count.sql,
      count.values,
    );
    const approved = Number(preview.matched);
    const limit = Math.floor(approved * (1 + maxGrowthPercent / 100));

    if (Number(now) > limit) {
      await this.dataSource.transaction((manager) =>
        recordAudit(manager, {
          companyId: policy.company_id,
          actor: auth.actor,
          action: 'retention.run.refused',
          resourceType: 'retention-policy',
          resourceId: policy.id,
          outcome: 'denied',
          requestId: auth.requestId,
          details: { previewId, approved, current: Number(now), maxGrowthPercent },
        }),
      );

      throw new ServiceError('conflict', 'more records match than the approved preview allows', [
        { path: 'previewId', message: `approved ${approved}, now ${now}, limit ${limit}` },
      ]);
    }
  }
}
