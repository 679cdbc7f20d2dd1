import { RetentionCondition, RetentionMethod, RetentionPolicyView } from '@compliance/contracts';

export interface RetentionPolicyRow {
  id: string;
  company_id: string;
  name: string;
  entity: string;
  period_days: number;
  date_field: string;
  method: RetentionMethod;
  conditions: RetentionCondition[];
  schedule: string;
  active: boolean;
  soft_delete_column: string | null;
  version: number;
  source_policy_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toPolicyView(row: RetentionPolicyRow): RetentionPolicyView {
  return {
    id: row.id,
    name: row.name,
    entity: row.entity,
    periodDays: row.period_days,
    dateField: row.date_field,
    method: row.method,
    conditions: row.conditions,
    schedule: row.schedule,
    active: row.active,
    softDeleteColumn: row.soft_delete_column,
    version: row.version,
    sourcePolicyId: row.source_policy_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records dated before this instant are past the policy's period. */
export function cutoffOf(periodDays: number, now: Date): Date {
  return new Date(now.getTime() - periodDays * DAY_MS);
}
