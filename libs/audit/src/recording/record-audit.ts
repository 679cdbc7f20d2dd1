import { randomUUID } from 'node:crypto';

import { AuditEntryView } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { GENESIS_HASH, computeEntryHash } from '../hashing/entry-hash';
import { AuditEntry, toAuditEntryView } from '../storage/audit-entry';
import {
  AUDIT_LOCK_NAMESPACE,
  CHAIN_HEAD,
  INSERT_ENTRY,
  LOCK_COMPANY_TRAIL,
} from '../storage/audit-entry.queries';
import { AuditEntryInput } from './audit-entry-input';
import { assertNoPersonalData } from './personal-data.guard';
import { toStorableDetails } from './storable-details';

interface ChainHeadRow {
  now: Date;
  sequence: string | null;
  hash: string | null;
}

/**
 * Appends an entry to the company's chain inside the caller's transaction, so the entry
 * exists exactly when the change it records does. The company's lock is held until that
 * transaction ends: record last, just before commit, to keep other writers waiting briefly.
 * Under REPEATABLE READ or SERIALIZABLE a waiting writer cannot see the entry committed
 * before it, and the unique sequence makes it fail rather than fork the chain.
 */
export async function recordAudit(
  manager: EntityManager,
  input: AuditEntryInput,
): Promise<AuditEntryView> {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the advisory lock would end with its own statement.
    throw new Error('recordAudit must run inside a transaction');
  }

  const details = toStorableDetails(input.details ?? {});
  assertNoPersonalData({ ...input, details });

  await manager.query(LOCK_COMPANY_TRAIL, [AUDIT_LOCK_NAMESPACE, input.companyId]);
  const [head] = await manager.query<ChainHeadRow[]>(CHAIN_HEAD, [input.companyId]);

  const content: Omit<AuditEntry, 'hash'> = {
    id: randomUUID(),
    companyId: input.companyId,
    sequence: head.sequence === null ? 1 : Number(head.sequence) + 1,
    occurredAt: head.now.toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    outcome: input.outcome,
    requestId: input.requestId ?? null,
    details,
    previousHash: head.hash ?? GENESIS_HASH,
  };
  const entry: AuditEntry = { ...content, hash: computeEntryHash(content) };

  await manager.query(INSERT_ENTRY, [
    entry.id,
    entry.companyId,
    entry.sequence,
    entry.occurredAt,
    entry.actorType,
    entry.actorId,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.outcome,
    entry.requestId,
    JSON.stringify(entry.details),
    entry.previousHash,
    entry.hash,
  ]);

  return toAuditEntryView(entry);
}
