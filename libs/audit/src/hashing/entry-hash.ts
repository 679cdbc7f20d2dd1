import { createHash } from 'node:crypto';

import { AuditEntry } from '../storage/audit-entry';
import { canonicalJson } from './canonical-json';

/** What the first entry of every company is chained to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry covers every stored column but the hash itself, the previous hash
 * included, so changing any field of any entry breaks the chain from that entry on.
 */
export function computeEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const content = {
    id: entry.id,
    companyId: entry.companyId,
    sequence: entry.sequence,
    occurredAt: entry.occurredAt,
    actor: { type: entry.actorType, id: entry.actorId },
    action: entry.action,
    resource: { type: entry.resourceType, id: entry.resourceId },
    outcome: entry.outcome,
    requestId: entry.requestId,
    details: entry.details,
    previousHash: entry.previousHash,
  };

  return createHash('sha256')
    .update(entry.previousHash + canonicalJson(content), 'utf8')
    .digest('hex');
}
