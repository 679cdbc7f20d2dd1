import { randomUUID } from 'node:crypto';

import { GENESIS_HASH, computeEntryHash } from '../hashing/entry-hash';
import { AuditEntry } from '../storage/audit-entry';

/** A well-formed, correctly hashed entry; overrides that change content are re-hashed. */
export function buildAuditEntry(overrides: Partial<Omit<AuditEntry, 'hash'>> = {}): AuditEntry {
  const content: Omit<AuditEntry, 'hash'> = {
    id: randomUUID(),
    companyId: randomUUID(),
    sequence: 1,
    occurredAt: '2024-12-03T10:00:00.000Z',
    actorType: 'user',
    actorId: randomUUID(),
    action: 'policy.updated',
    resourceType: 'policy',
    resourceId: randomUUID(),
    outcome: 'success',
    requestId: randomUUID(),
    details: { version: 2 },
    previousHash: GENESIS_HASH,
    ...overrides,
  };

  return { ...content, hash: computeEntryHash(content) };
}

/** A correctly chained run of entries for one company, sequences 1 to `length`. */
export function buildAuditChain(length: number, companyId = randomUUID()): AuditEntry[] {
  const chain: AuditEntry[] = [];

  for (let sequence = 1; sequence <= length; sequence++) {
    const previousHash = chain.at(-1)?.hash ?? GENESIS_HASH;
    chain.push(buildAuditEntry({ companyId, sequence, previousHash }));
  }

  return chain;
}
