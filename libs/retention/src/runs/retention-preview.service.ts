import { recordAudit } from '@compliance/audit';
import { AuthContext, RetentionPreview } from '@compliance/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { activeFilterHolds } from '../holds/active-filter-holds';
import { RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { plannedBatches } from '../purge/planned-batches';
import { PurgeScopeFactory } from '../purge/purge-scope.factory';
import {
  Clock,
  RETENTION_CLOCK,
  RETENTION_DATA_SOURCE,
  RETENTION_SETTINGS,
  RetentionSettings,
} from '../support/retention.tokens';
import { actorLabel } from '../support/system-auth';
import { queryRows } from '../support/query-rows';
import { INSERT_PREVIEW } from './run-ledger.queries';
import { touchesChildren } from './retention-run.types';

const SAMPLE_SIZE = 10;

type EntityFigures = RetentionPreview['entities'][number];

/**
 * What a run would do now, changing nothing: it walks the same batches with the same
 * plan as the run, without locking or deleting, so its figures are the run's figures.
 */
@Injectable()
export class RetentionPreviewService {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    @Inject(RETENTION_CLOCK) private readonly clock: Clock,
    private readonly scopes: PurgeScopeFactory,
  ) {}

  async preview(policy: RetentionPolicyRow, auth: AuthContext): Promise<RetentionPreview> {
    const scope = await this.scopes.build(policy, this.clock.now());
    const holds = await activeFilterHolds(this.dataSource.manager, policy.company_id);
    const figures = new Map<string, EntityFigures>();
    const batches = plannedBatches(this.dataSource.manager, scope, {
      batchSize: this.settings.batchSize,
      withChildren: touchesChildren(policy.method),
      holds,
    });

    for await (const plan of batches) {
      for (const [entity, tally] of plan.tallies) {
        const sum = figures.get(entity) ?? {
          entity,
          matched: 0,
          skipped: 0,
          affected: 0,
          sampleIds: [],
        };

        sum.matched += tally.matched;
        sum.skipped += tally.skipped;
        sum.affected += tally.affected.length;
        sum.sampleIds.push(...tally.affected.slice(0, SAMPLE_SIZE - sum.sampleIds.length));
        figures.set(entity, sum);
      }
    }

    const entities =
      figures.size > 0
        ? [...figures.values()]
        : [{ entity: policy.entity, matched: 0, skipped: 0, affected: 0, sampleIds: [] }];
    const matched = figures.get(policy.entity)?.matched ?? 0;

    const previewId = await this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows<{ id: string }>(manager, INSERT_PREVIEW, [
        policy.company_id,
        policy.id,
        policy.version,
        scope.cutoff,
        matched,
        JSON.stringify(entities.map(({ sampleIds: _samples, ...counts }) => counts)),
        actorLabel(auth),
      ]);

      await recordAudit(manager, {
        companyId: policy.company_id,
        actor: auth.actor,
        action: 'retention.policy.previewed',
        resourceType: 'retention-policy',
        resourceId: policy.id,
        outcome: 'success',
        requestId: auth.requestId,
        details: { previewId: row.id, version: policy.version, matched },
      });
      return row.id;
    });

    return {
      kind: 'preview',
      previewId,
      policyId: policy.id,
      policyVersion: policy.version,
      cutoff: scope.cutoff.toISOString(),
      entities,
    };
  }
}
