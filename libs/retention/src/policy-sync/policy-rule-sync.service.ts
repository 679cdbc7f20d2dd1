import { recordAudit } from '@compliance/audit';
import { AuthContext } from '@compliance/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { DataMapCatalog } from '../data-maps/data-map-catalog.service';
import { RetentionPolicyRow } from '../policies/retention-policy.mapper';
import { queryRows } from '../support/query-rows';
import { SourcedRule, UnmappedRule } from './policy-retention-rules';
import {
  DEACTIVATE_SOURCED_POLICY,
  INSERT_SOURCED_POLICY,
  SELECT_SOURCED_POLICIES,
  UPDATE_SOURCED_POLICY,
} from './policy-sync.queries';

type SourcedRow = RetentionPolicyRow & { source_rule_id: string };

export interface SyncOutcome {
  created: string[];
  updated: string[];
  deactivated: string[];
  unmapped: UnmappedRule[];
}

/**
 * Brings the company's policy-made retention policies in line with the rules of its
 * active compliance policies: new rules create, changed rules update (a new version),
 * vanished rules deactivate. Hand-made policies are never touched.
 */
@Injectable()
export class PolicyRuleSyncService {
  constructor(private readonly catalog: DataMapCatalog) {}

  async sync(
    manager: EntityManager,
    auth: AuthContext,
    wanted: SourcedRule[],
    unmappedRules: UnmappedRule[],
  ): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { created: [], updated: [], deactivated: [], unmapped: [] };
    outcome.unmapped.push(...unmappedRules);

    const existing = await queryRows<SourcedRow>(manager, SELECT_SOURCED_POLICIES, [
      auth.companyId,
    ]);
    const byKey = new Map(
      existing.map((row) => [keyOf(row.source_policy_id!, row.source_rule_id), row]),
    );
    const kept = new Set<string>();

    for (const rule of wanted) {
      const key = keyOf(rule.sourcePolicyId, rule.sourceRuleId);
      const current = byKey.get(key);

      // Read in the transaction: the embedded database has one session, which it holds.
      if (!(await this.catalog.ownerOf(rule.entity, manager))) {
        outcome.unmapped.push({ ...rule, reason: 'no registered data map declares the entity' });
        continue;
      }

      kept.add(key);

      if (!current) {
        const [created] = await queryRows<RetentionPolicyRow>(manager, INSERT_SOURCED_POLICY, [
          auth.companyId,
          rule.name,
          rule.entity,
          rule.periodDays,
          rule.dateField,
          rule.method,
          JSON.stringify(rule.conditions),
          rule.sourcePolicyId,
          rule.sourceRuleId,
          rule.softDeleteColumn,
        ]);

        if (created) {
          outcome.created.push(created.id);
        } else {
          outcome.unmapped.push({ ...rule, reason: 'a retention policy already has its name' });
        }
        continue;
      }

      if (current.active && sameRule(current, rule)) {
        continue;
      }

      await manager.query(UPDATE_SOURCED_POLICY, [
        current.id,
        auth.companyId,
        rule.periodDays,
        rule.dateField,
        rule.method,
        JSON.stringify(rule.conditions),
        rule.softDeleteColumn,
      ]);
      outcome.updated.push(current.id);
    }

    for (const row of existing) {
      if (row.active && !kept.has(keyOf(row.source_policy_id!, row.source_rule_id))) {
        await manager.query(DEACTIVATE_SOURCED_POLICY, [row.id, auth.companyId]);
        outcome.deactivated.push(row.id);
      }
    }

    await this.audit(manager, auth, outcome);
    return outcome;
  }

  private async audit(manager: EntityManager, auth: AuthContext, outcome: SyncOutcome) {
    await recordAudit(manager, {
      companyId: auth.companyId,
      actor: auth.actor,
      action: 'retention.policy.synced',
      resourceType: 'retention-policy',
      resourceId: null,
      outcome: 'success',
      requestId: auth.requestId,
      details: {
        created: outcome.created,
        updated: outcome.updated,
        deactivated: outcome.deactivated,
        unmapped: outcome.unmapped.map(({ sourcePolicyId, sourceRuleId, reason }) => ({
          sourcePolicyId,
          sourceRuleId,
          reason,
        })),
      },
    });
  }
}

function keyOf(policyId: string, ruleId: string): string {
  return `${policyId}/${ruleId}`;
}

function sameRule(row: RetentionPolicyRow, rule: SourcedRule): boolean {
  return (
    row.period_days === rule.periodDays &&
    row.date_field === rule.dateField &&
    row.method === rule.method &&
    row.soft_delete_column === rule.softDeleteColumn &&
    JSON.stringify(row.conditions) === JSON.stringify(rule.conditions)
  );
}
