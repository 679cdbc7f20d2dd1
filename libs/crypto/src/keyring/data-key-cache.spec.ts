import { randomBytes, randomUUID } from 'node:crypto';

import { DataKeyCache } from './data-key-cache';

describe(DataKeyCache.name, () => {
  it('should serve a key up to its number of uses', () => {
    const cache = new DataKeyCache({ maxAgeMs: 60_000, maxUses: 2 });
    const keyId = randomUUID();
    cache.put(keyId, 1, randomBytes(32));

    expect(cache.take(keyId, 1)).toBeDefined();
    expect(cache.take(keyId, 1)).toBeDefined();
    expect(cache.take(keyId, 1)).toBeUndefined();
  });

  it('should zero a used-up key once the synchronous use that took it is done', async () => {
    const cache = new DataKeyCache({ maxAgeMs: 60_000, maxUses: 1 });
    const keyId = randomUUID();
    const key = randomBytes(32);
    cache.put(keyId, 1, key);

    const taken = cache.take(keyId, 1);

    expect(taken?.equals(Buffer.alloc(32))).toBe(false);
    await Promise.resolve();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect(cache.take(keyId, 1)).toBeUndefined();
  });

  it('should judge the age by the time it is given, when given one', () => {
    let now = 0;
    const cache = new DataKeyCache({ maxAgeMs: 1_000, maxUses: 100 }, () => now);
    const keyId = randomUUID();
    cache.put(keyId, 1, randomBytes(32));

    now = 500;
    expect(cache.take(keyId, 1, 1_000)).toBeUndefined();
    expect(cache.has(keyId, 1)).toBe(false);
  });

  it('should drop and zero a key once it is older than the maximum age', () => {
    let now = 0;
    const cache = new DataKeyCache({ maxAgeMs: 1_000, maxUses: 100 }, () => now);
    const keyId = randomUUID();
    const key = randomBytes(32);
    cache.put(keyId, 1, key);

    now = 999;
    expect(cache.has(keyId, 1)).toBe(true);
    now = 1_000;
    expect(cache.take(keyId, 1)).toBeUndefined();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
  });

  it('should evict every version of one key set and zero them', () => {
    const cache = new DataKeyCache({ maxAgeMs: 60_000, maxUses: 100 });
    const evicted = randomUUID();
    const kept = randomUUID();
    const keys = [randomBytes(32), randomBytes(32)];
    cache.put(evicted, 1, keys[0]);
    cache.put(evicted, 2, keys[1]);
    cache.put(kept, 1, randomBytes(32));

    cache.evictKeySet(evicted);

    expect(cache.has(evicted, 1) || cache.has(evicted, 2)).toBe(false);
    expect(cache.has(kept, 1)).toBe(true);
    expect(keys.every((key) => key.equals(Buffer.alloc(32)))).toBe(true);
  });
});
