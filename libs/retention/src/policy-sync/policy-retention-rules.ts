import { RetentionCondition, RetentionMethod } from '@compliance/contracts';
import {
  approximateDays,
  Condition,
  parseDuration,
  PolicyDocument,
  retentionRuleIds,
  validatePolicy,
} from '@compliance/policy-engine';

/** A retention rule of an applied compliance policy, in the retention service's terms. */
export interface SourcedRule {
  sourcePolicyId: string;
  sourceRuleId: string;
  name: string;
  entity: string;
  periodDays: number;
  dateField: string;
  method: RetentionMethod;
  /** The column a `soft` rule marks; null for the other methods. */
  softDeleteColumn: string | null;
  conditions: RetentionCondition[];
}

/** A rule the service cannot run as written, named with the reason, never silently lost. */
export interface UnmappedRule {
  sourcePolicyId: string;
  sourceRuleId: string;
  entity: string;
  reason: string;
}

export interface ActivePolicyDocument {
  policyId: string;
  document: string;
}

const PLAIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const OPERATORS: Record<Condition['operator'], RetentionCondition['operator']> = {
  eq: 'eq',
  ne: 'neq',
  in: 'in',
  notIn: 'not_in',
  lt: 'lt',
  lte: 'lte',
  gt: 'gt',
  gte: 'gte',
  exists: 'is_not_null',
  notExists: 'is_null',
};

/** Every retention rule the company's active policies hold, mapped or set aside. */
export function retentionRulesOf(policies: readonly ActivePolicyDocument[]): {
  rules: SourcedRule[];
  unmapped: UnmappedRule[];
} {
  const rules: SourcedRule[] = [];
  const unmapped: UnmappedRule[] = [];

  for (const policy of policies) {
    // The policy service activates only valid versions; the validator is the parser so
    // a document is read exactly as it was checked.
    const document = validatePolicy(policy.document).document as PolicyDocument | undefined;
    const sourceRules = document?.spec?.retention?.rules ?? [];
    const ids = retentionRuleIds(sourceRules);

    sourceRules.forEach((rule, index) => {
      const sourceRuleId = ids[index];
      const reason = unmappable(rule);

      if (reason) {
        unmapped.push({
          sourcePolicyId: policy.policyId,
          sourceRuleId,
          entity: rule.entity,
          reason,
        });
        return;
      }

      rules.push({
        sourcePolicyId: policy.policyId,
        sourceRuleId,
        name: `${document!.metadata.name}: ${sourceRuleId}`.slice(0, 200),
        entity: rule.entity,
        periodDays: periodDays(rule.period),
        dateField: rule.dateField,
        method: rule.method,
        softDeleteColumn: rule.method === 'soft' ? rule.softDeleteField! : null,
        conditions: (rule.conditions ?? []).map(toRetentionCondition),
      });
    });
  }

  return { rules, unmapped };
}

type SourceRule = NonNullable<NonNullable<PolicyDocument['spec']['retention']>['rules']>[number];

function unmappable(rule: SourceRule): string | undefined {
  if (!PLAIN_NAME.test(rule.entity) || !PLAIN_NAME.test(rule.dateField)) {
    return 'entity and date field must be lowercase column names';
  }

  // The validator requires the field for `soft`; a version activated before it did may
  // still lack it, and without the column nothing could be marked.
  if (rule.method === 'soft' && !rule.softDeleteField) {
    return 'a soft rule needs softDeleteField, the column it marks';
  }

  if (rule.method === 'soft' && !PLAIN_NAME.test(rule.softDeleteField!)) {
    return 'the soft-delete field must be a lowercase column name';
  }

  if ((rule.conditions ?? []).some((condition) => !PLAIN_NAME.test(condition.field))) {
    return 'condition fields must be lowercase column names';
  }

  return parseDuration(rule.period) ? undefined : 'the period is not an ISO-8601 duration';
}

/**
 * Whole days, rounded up so a record is never purged before its period: P3Y is 1,095
 * days (3 × 365) and P18M 540 (18 × 30). Periods under a day keep a record one day.
 */
export function periodDays(period: string): number {
  return Math.max(1, Math.ceil(approximateDays(parseDuration(period)!)));
}

function toRetentionCondition(condition: Condition): RetentionCondition {
  const { field, value } = condition;

  // "equals null" in a policy means the column is empty; SQL's = NULL never matches.
  if (value === null && (condition.operator === 'eq' || condition.operator === 'ne')) {
    return { field, operator: condition.operator === 'eq' ? 'is_null' : 'is_not_null' };
  }

  const operator = OPERATORS[condition.operator];

  if (operator === 'is_null' || operator === 'is_not_null') {
    return { field, operator };
  }

  return { field, operator, value: value ?? undefined };
}
