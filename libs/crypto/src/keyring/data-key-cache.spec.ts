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

  it('should tell once, when a quarter of the uses is left, which key runs low', () => {
    const heard: [string, number][] = [];
    const cache = new DataKeyCache({ maxAgeMs: 60_000, maxUses: 8 }, Date.now, (id, version) =>
      heard.push([id, version]),
    );
    const keyId = randomUUID();
    cache.put(keyId, 3, randomBytes(32));

    // 8 uses: the sixth leaves 2, a quarter of them.
    for (let use = 1; use <= 8; use += 1) {
      cache.take(keyId, 3);
      expect(heard).toEqual(use < 6 ? [] : [[keyId, 3]]);
    }
  });

  it('should not tell of keys with fewer than 4 uses, which leave no room to act', () => {
    const heard: string[] = [];
    const cache = new DataKeyCache({ maxAgeMs: 60_000, maxUses: 3 }, Date.now, (id) =>
      heard.push(id),
    );
    const keyId = randomUUID();
    cache.put(keyId, 1, randomBytes(32));

    for (let use = 0; use < 3; use += 1) {
      cache.take(keyId, 1);
    }

    expect(heard).toEqual([]);
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
