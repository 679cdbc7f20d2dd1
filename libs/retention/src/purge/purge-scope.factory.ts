import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DataMapCatalog, EntityOwner } from '../data-maps/data-map-catalog.service';
import { SELECT_OTHER_ACTIVE_RULES } from '../policies/retention-policies.queries';
import { cutoffOf, RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { RETENTION_DATA_SOURCE } from '../support/retention.tokens';
import { PurgeScope } from './purge.queries';

/** The fields of a policy that decide what it selects. */
export type ScopedRule = Pick<
  RetentionPolicyRow,
  'company_id' | 'conditions' | 'date_field' | 'method' | 'period_days' | 'soft_delete_column'
>;

/**
 * What one policy selects at one moment: its owner's data map, its cutoff, and the
 * company's other active rules on the same entity, each of which may keep a record
 * longer. A resumed run passes its original start so nothing moves under it.
 */
@Injectable()
export class PurgeScopeFactory {
  constructor(
    @Inject(RETENTION_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly catalog: DataMapCatalog,
  ) {}

  async build(policy: RetentionPolicyRow, now: Date): Promise<PurgeScope> {
    const owner = await this.catalog.require(policy.entity);
    const others: RetentionPolicyRow[] = await this.dataSource.query(SELECT_OTHER_ACTIVE_RULES, [
      policy.company_id,
      policy.entity,
      policy.id,
    ]);

    return purgeScopeOf(owner, policy, others, now);
  }
}

/** The scope of a rule among the given other rules on its entity; a dry-run passes its own. */
export function purgeScopeOf(
  owner: EntityOwner,
  policy: ScopedRule,
  others: readonly ScopedRule[],
  now: Date,
): PurgeScope {
  return {
    companyId: policy.company_id,
    dataMap: owner.dataMap,
    entity: owner.entity,
    dateField: policy.date_field,
    cutoff: cutoffOf(policy.period_days, now),
    conditions: policy.conditions,
    softDeleteColumn: policy.method === 'soft' ? policy.soft_delete_column : null,
    otherRules: others.map((rule) => ({
      conditions: rule.conditions,
      dateField: rule.date_field,
      cutoff: cutoffOf(rule.period_days, now),
    })),
  };
}
