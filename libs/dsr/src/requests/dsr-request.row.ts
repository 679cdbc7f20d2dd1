import { DsrRequestView } from '@compliance/contracts';

import { maskIdentifier } from '../encryption/dsr-subject-cipher';

/** An identifier as stored: its value sealed (`value` only on rows from before sealing). */
export interface StoredIdentifier {
  kind: 'email' | 'phone' | 'external_id';
  sealed?: string;
  masked?: string;
  value?: string;
  verification: { method: string; verifiedAt: string } | null;
}

export interface DsrRequestRow {
  id: string;
  company_id: string;
  type: DsrRequestView['type'];
  status: DsrRequestView['status'];
  phase: string | null;
  jurisdiction: DsrRequestView['jurisdiction'];
  channel: DsrRequestView['channel'];
  requester_name: string | null;
  requester_relation: string;
  identifiers: StoredIdentifier[];
  purposes: string[];
  changes: Record<string, string> | null;
  changes_sealed: string | null;
  identifier_indexes: string[];
  duplicate_of: string | null;
  received_at: Date;
  due_at: Date;
  extended_due_at: Date | null;
  extension_reason: string | null;
  extension_notified_at: Date | null;
  erased_at: Date | null;
  completed_at: Date | null;
  snapshot_shredded_at: Date | null;
  failure_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DsrTaskRow {
  id: string;
  request_id: string;
  connector: string;
  action: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  counts: Record<string, number>;
  remaining: number | null;
  categories: string[];
  held: DsrHeldRecords[];
  error: string | null;
  updated_at: Date;
}

export type DsrHeldRecords = DsrRequestView['tasks'][0]['held'][0];

/** The answer never holds an identifier in clear: a request outlives its erasure. */
export function toRequestView(row: DsrRequestRow, tasks: DsrTaskRow[]): DsrRequestView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    jurisdiction: row.jurisdiction,
    channel: row.channel,
    requester: { name: row.requester_name, relation: row.requester_relation },
    identifiers: row.identifiers.map((identifier) => ({
      kind: identifier.kind,
      maskedValue: identifier.masked ?? maskIdentifier(identifier.value ?? ''),
      verification: identifier.verification as DsrRequestView['identifiers'][0]['verification'],
    })),
    purposes: row.purposes,
    duplicateOf: row.duplicate_of,
    receivedAt: row.received_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    extendedDueAt: row.extended_due_at?.toISOString() ?? null,
    extensionReason: row.extension_reason,
    extensionNotifiedAt: row.extension_notified_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    snapshotShreddedAt: row.snapshot_shredded_at?.toISOString() ?? null,
    failureReason: row.failure_reason,
    keptUnderHold: keptUnderHold(tasks),
    tasks: tasks.map((task) => ({
      connector: task.connector,
      action: task.action,
      status: task.status,
      attempts: task.attempts,
      counts: task.counts,
      held: task.held ?? [],
      error: task.error,
      updatedAt: task.updated_at.toISOString(),
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What an erasure left in place under legal holds: its erase tasks' reports, per connector. */
export function keptUnderHold(tasks: DsrTaskRow[]): DsrRequestView['keptUnderHold'] {
  return tasks
    .filter((task) => task.action === 'erase')
    .flatMap((task) => (task.held ?? []).map((held) => ({ connector: task.connector, ...held })));
}
