import { randomBytes, randomUUID } from 'node:crypto';

import {
  deriveLocalKek,
  KeyContext,
  LocallyWrappedKey,
  rewrapDataKeys,
  wrapDataKey,
} from '@compliance/crypto';

const TOTAL = 1_000_000;
const CHUNK = 100_000;

/**
 * Seconds to move 1,000,000 data keys from KEK version 1 to version 2 of a local master
 * key, in memory: the provider's share of `compliance keys rotate`, without the database.
 * Chunks keep the memory bounded; only the rewrapping is timed.
 */
export function timeRewrapOfOneMillion(): number {
  const root = randomBytes(32);
  const salt = randomBytes(16);
  const oldKek = deriveLocalKek(root, salt, 1);
  const newKek = deriveLocalKek(root, salt, 2);
  const companyId = randomUUID();
  let elapsedMs = 0;

  for (let done = 0; done < TOTAL; done += CHUNK) {
    const keys: LocallyWrappedKey[] = [];

    for (let index = 0; index < CHUNK; index += 1) {
      const context: KeyContext = {
        companyId,
        keyId: `k${done + index}`,
        version: 1,
        purpose: 'data',
        subjectId: null,
      };
      keys.push({ blob: wrapDataKey(randomBytes(32), oldKek, context), context });
    }

    const started = performance.now();
    rewrapDataKeys(keys, oldKek, newKek);
    elapsedMs += performance.now() - started;
  }

  return elapsedMs / 1000;
}
