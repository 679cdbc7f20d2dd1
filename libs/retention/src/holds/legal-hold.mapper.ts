import { LegalHoldView, RetentionCondition } from '@compliance/contracts';

export interface LegalHoldRow {
  id: string;
  company_id: string;
  reason: string;
  scope: LegalHoldView['scope'];
  subject_kind: 'email' | 'phone' | 'external_id' | null;
  subject_value: string | null;
  entity: string | null;
  conditions: RetentionCondition[];
  created_by: string;
  created_at: Date;
  released_at: Date | null;
}

export function toHoldView(row: LegalHoldRow): LegalHoldView {
  return {
    id: row.id,
    reason: row.reason,
    scope: row.scope,
    subject:
      row.subject_kind && row.subject_value
        ? { kind: row.subject_kind, value: row.subject_value }
        : null,
    entity: row.entity,
    conditions: row.conditions,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    releasedAt: row.released_at?.toISOString() ?? null,
  };
}
