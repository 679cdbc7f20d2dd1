import { computeEntryHash } from '../hashing/entry-hash';
import { buildAuditChain, buildAuditEntry } from '../testing/audit-entry.factory';
import { findChainBreak } from './chain-break';

/** Checks a run of entries the way the verifier walks them and returns the first break. */
function firstBreak(entries: ReturnType<typeof buildAuditChain>) {
  for (let index = 0; index < entries.length; index++) {
    const broken = findChainBreak(entries[index - 1], entries[index]);

    if (broken) {
      return { reason: broken.reason, sequence: broken.entry.sequence, id: broken.entry.id };
    }
  }

  return undefined;
}

describe('findChainBreak', () => {
  it('should accept an intact chain', () => {
    expect(firstBreak(buildAuditChain(5))).toBeUndefined();
  });

  it('should report an entry whose content no longer matches its hash as edited', () => {
    const chain = buildAuditChain(5);
    chain[2] = { ...chain[2], details: { version: 3 } };

    expect(firstBreak(chain)).toEqual({ reason: 'content_edited', sequence: 3, id: chain[2].id });
  });

  it('should report the entry after a missing sequence as deleted', () => {
    const chain = buildAuditChain(5);
    chain.splice(2, 1);

    expect(firstBreak(chain)).toEqual({ reason: 'entry_deleted', sequence: 4, id: chain[2].id });
  });

  it('should report a missing first entry as deleted', () => {
    const chain = buildAuditChain(3).slice(1);

    expect(firstBreak(chain)).toMatchObject({ reason: 'entry_deleted', sequence: 2 });
  });

  it('should report a deletion hidden by renumbering the later entries', () => {
    const chain = buildAuditChain(5);
    chain.splice(2, 1);
    // The attacker renumbers and rehashes each entry but cannot fix the first link.
    for (const entry of chain.slice(2)) {
      entry.sequence -= 1;
      entry.hash = computeEntryHash(entry);
    }

    expect(firstBreak(chain)).toMatchObject({ reason: 'entry_deleted', sequence: 3 });
  });

  it('should name a forged entry slipped between two chained entries as inserted', () => {
    const chain = buildAuditChain(5);
    const companyId = chain[0].companyId;
    const forged = buildAuditEntry({ companyId, sequence: 3, previousHash: chain[1].hash });
    // Renumbering makes room for the forged entry; the moved entries keep their old hashes.
    const moved = chain.slice(2).map((entry) => ({ ...entry, sequence: entry.sequence + 1 }));

    const tampered = [...chain.slice(0, 2), forged, ...moved];

    expect(firstBreak(tampered)).toEqual({ reason: 'entry_inserted', sequence: 3, id: forged.id });
  });

  it('should report a repeated sequence as inserted', () => {
    const chain = buildAuditChain(3);
    const duplicate = buildAuditEntry({
      companyId: chain[0].companyId,
      sequence: 2,
      previousHash: chain[1].hash,
    });

    const tampered = [...chain.slice(0, 2), duplicate, chain[2]];

    expect(firstBreak(tampered)).toEqual({
      reason: 'entry_inserted',
      sequence: 2,
      id: duplicate.id,
    });
  });
});
