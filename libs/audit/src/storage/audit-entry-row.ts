import { AuditEntry, AuditOutcome } from './audit-entry';

/** A row of `audit.audit_entries` as the `pg` driver returns it. */
export interface AuditEntryRow {
  id: string;
  company_id: string;
  /** bigint arrives as a string; no company will pass 2^53 entries. */
  sequence: string;
  occurred_at: Date;
  actor_type: string;
  actor_id: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  details: Record<string, unknown>;
  previous_hash: string;
  hash: string;
}

export function fromAuditEntryRow(row: AuditEntryRow): AuditEntry {
  return {
    id: row.id,
    companyId: row.company_id,
    sequence: Number(row.sequence),
    occurredAt: row.occurred_at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    outcome: row.outcome,
    requestId: row.request_id,
    details: row.details,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
