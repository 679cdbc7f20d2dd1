import { createHash } from 'node:crypto';

import { buildAuditEntry } from '../testing/audit-entry.factory';
import { GENESIS_HASH, computeEntryHash } from './entry-hash';

describe('computeEntryHash', () => {
  const entry = buildAuditEntry({
    id: '6f1c7a52-1f0e-4c3b-9d55-0c8f3b4f2a11',
    companyId: '0b7c2f4e-8a61-4d2c-b1f3-5e9a7d6c4b20',
    sequence: 7,
    occurredAt: '2024-12-03T10:00:00.123Z',
    actorType: 'api_key',
    actorId: 'key-1',
    action: 'policy.published',
    resourceType: 'policy',
    resourceId: null,
    outcome: 'denied',
    requestId: null,
    details: { b: [1, 2], a: 'x' },
    previousHash: 'ab'.repeat(32),
  });

  it('should hash the previous hash followed by the canonical JSON of the content', () => {
    const canonical =
      '{"action":"policy.published","actor":{"id":"key-1","type":"api_key"},' +
      '"companyId":"0b7c2f4e-8a61-4d2c-b1f3-5e9a7d6c4b20","details":{"a":"x","b":[1,2]},' +
      '"id":"6f1c7a52-1f0e-4c3b-9d55-0c8f3b4f2a11","occurredAt":"2024-12-03T10:00:00.123Z",' +
      '"outcome":"denied","previousHash":"' +
      'ab'.repeat(32) +
      '","requestId":null,"resource":{"id":null,"type":"policy"},"sequence":7}';
    const expected = createHash('sha256')
      .update('ab'.repeat(32) + canonical)
      .digest('hex');

    expect(computeEntryHash(entry)).toBe(expected);
  });

  it('should not depend on the key order of the details', () => {
    const reordered = { ...entry, details: { a: 'x', b: [1, 2] } };

    expect(computeEntryHash(reordered)).toBe(computeEntryHash(entry));
  });

  it('should change when any stored field changes', () => {
    const changes: Partial<typeof entry>[] = [
      { id: '6f1c7a52-1f0e-4c3b-9d55-0c8f3b4f2a12' },
      { companyId: '0b7c2f4e-8a61-4d2c-b1f3-5e9a7d6c4b21' },
      { sequence: 8 },
      { occurredAt: '2024-12-03T10:00:00.124Z' },
      { actorType: 'user' },
      { actorId: 'key-2' },
      { action: 'policy.deleted' },
      { resourceType: 'collection' },
      { resourceId: 'p-1' },
      { outcome: 'success' },
      { requestId: 'req-1' },
      { details: { b: [2, 1], a: 'x' } },
      { previousHash: GENESIS_HASH },
    ];

    for (const change of changes) {
      expect(computeEntryHash({ ...entry, ...change })).not.toBe(entry.hash);
    }
  });

  it('should start every chain from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });
});
