import { AuthContext, ImpactReport, ImpactRequest } from '@compliance/contracts';
import { impactDocumentSets } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { DataMapCatalog, EntityOwner } from '../data-maps/data-map-catalog.service';
import { activeFilterHolds } from '../holds/active-filter-holds';
import { retentionRulesOf, SourcedRule } from '../policy-sync/policy-retention-rules';
import { plannedBatches } from '../purge/planned-batches';
import { FilterHold } from '../purge/purge.queries';
import { purgeScopeOf, ScopedRule } from '../purge/purge-scope.factory';
import { touchesChildren } from '../runs/retention-run.types';
import {
  RETENTION_DATA_SOURCE,
  RETENTION_SERVICE,
  RETENTION_SETTINGS,
  RetentionSettings,
} from '../support/retention.tokens';
import { RetentionOutcome, retentionImpactItems } from './retention-impact-items';
import { SELECT_HAND_MADE_RULES } from './retention-impact.queries';

/** One read-only snapshot of the company, shared by both sets so they differ by policy only. */
interface Snapshot {
  manager: EntityManager;
  companyId: string;
  now: Date;
  holds: readonly FilterHold[];
  owners: Map<string, Promise<EntityOwner | undefined>>;
  handMade: Map<string, Promise<ScopedRule[]>>;
}

/**
 * What the retention policies made from the policies in force, and from the set with the
 * candidate, would act on at `now`. The rules are mapped as applying them maps them, and
 * each is walked with the batch plan a run and a preview use, holds and restrictions
 * included, inside one read-only transaction.
 */
@Injectable()
export class RetentionImpactService {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    private readonly catalog: DataMapCatalog,
  ) {}

  async impact(request: ImpactRequest, auth: AuthContext): Promise<ImpactReport> {
    const documents = impactDocumentSets(request);

    const items = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // A dry-run must change nothing: PostgreSQL refuses any write from here on.
      await manager.query('SET TRANSACTION READ ONLY');
      const snapshot: Snapshot = {
        manager,
        companyId: auth.companyId,
        now: new Date(request.now),
        holds: await activeFilterHolds(manager, auth.companyId),
        owners: new Map(),
        handMade: new Map(),
      };

      return retentionImpactItems(
        await this.outcome(snapshot, documents.current),
        await this.outcome(snapshot, documents.candidate),
      );
    });

    return { service: RETENTION_SERVICE, items };
  }

  private async outcome(snapshot: Snapshot, documents: readonly string[]) {
    // Items name entity and rule, not the policy, so the documents need no ids here.
    const { rules, unmapped } = retentionRulesOf(
      documents.map((document) => ({ policyId: '', document })),
    );
    const outcome = {
      acted: new Map<string, Set<string>>(),
      unmapped: unmapped.map((rule) => `${rule.entity}:${rule.sourceRuleId}`),
    };
    const runnable: { rule: SourcedRule; owner: EntityOwner }[] = [];

    for (const rule of rules) {
      const owner = await this.ownerOf(snapshot, rule.entity);

      if (owner) {
        runnable.push({ rule, owner });
      } else {
        // Applying the set would create no retention policy for it, as for the rules above.
        outcome.unmapped.push(`${rule.entity}:${rule.sourceRuleId}`);
      }
    }

    for (const { rule, owner } of runnable) {
      const siblings = runnable
        .filter((other) => other.rule !== rule && other.rule.entity === rule.entity)
        .map((other) => scopedRule(snapshot.companyId, other.rule));
      const others = [...siblings, ...(await this.handMade(snapshot, rule.entity))];
      const scope = purgeScopeOf(owner, scopedRule(snapshot.companyId, rule), others, snapshot.now);
      const ruleKey = `${rule.entity}:${rule.sourceRuleId}`;

      acted(outcome, rule.entity);
      acted(outcome, ruleKey);

      const batches = plannedBatches(snapshot.manager, scope, {
        batchSize: this.settings.batchSize,
        withChildren: touchesChildren(rule.method),
        holds: snapshot.holds,
      });

      for await (const plan of batches) {
        for (const [entity, tally] of plan.tallies) {
          tally.affected.forEach((id) => acted(outcome, entity).add(id));
        }
        plan.tallies.get(rule.entity)?.affected.forEach((id) => acted(outcome, ruleKey).add(id));
      }
    }

    return outcome satisfies RetentionOutcome;
  }

  private ownerOf(snapshot: Snapshot, entity: string): Promise<EntityOwner | undefined> {
    if (!snapshot.owners.has(entity)) {
      snapshot.owners.set(entity, this.catalog.ownerOf(entity, snapshot.manager));
    }

    return snapshot.owners.get(entity)!;
  }

  private handMade(snapshot: Snapshot, entity: string): Promise<ScopedRule[]> {
    if (!snapshot.handMade.has(entity)) {
      const rows = snapshot.manager.query(SELECT_HAND_MADE_RULES, [snapshot.companyId, entity]);
      snapshot.handMade.set(entity, rows as Promise<ScopedRule[]>);
    }

    return snapshot.handMade.get(entity)!;
  }
}

function scopedRule(companyId: string, rule: SourcedRule): ScopedRule {
  return {
    company_id: companyId,
    conditions: rule.conditions,
    date_field: rule.dateField,
    method: rule.method,
    period_days: rule.periodDays,
    soft_delete_column: rule.softDeleteColumn,
  };
}

function acted(outcome: { acted: Map<string, Set<string>> }, key: string): Set<string> {
  const keys = outcome.acted.get(key) ?? new Set<string>();
  outcome.acted.set(key, keys);

  return keys;
}
