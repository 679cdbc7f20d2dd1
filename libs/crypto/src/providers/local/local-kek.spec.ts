import { randomBytes, randomUUID } from 'node:crypto';

import { KeyContext } from '../key-provider';
import { deriveLocalKek, rewrapDataKeys, unwrapDataKey, wrapDataKey } from './local-kek';

const root = randomBytes(32);
const salt = randomBytes(16);

function context(): KeyContext {
  return {
    companyId: randomUUID(),
    keyId: randomUUID(),
    version: 1,
    purpose: 'data',
    subjectId: null,
  };
}

describe('deriveLocalKek', () => {
  it('should derive a different 32-byte KEK per version, salt and root', () => {
    const kek = deriveLocalKek(root, salt, 1);

    expect(kek).toHaveLength(32);
    expect(deriveLocalKek(root, salt, 1)).toEqual(kek);
    expect(deriveLocalKek(root, salt, 2)).not.toEqual(kek);
    expect(deriveLocalKek(root, randomBytes(16), 1)).not.toEqual(kek);
    expect(deriveLocalKek(randomBytes(32), salt, 1)).not.toEqual(kek);
  });
});

describe('wrapDataKey', () => {
  it('should unwrap only with the same KEK and context', () => {
    const kek = deriveLocalKek(root, salt, 1);
    const dek = randomBytes(32);
    const bound = context();

    const blob = wrapDataKey(dek, kek, bound);

    expect(blob).toHaveLength(12 + 32 + 16);
    expect(unwrapDataKey(blob, kek, bound)).toEqual(dek);
    expect(() => unwrapDataKey(blob, deriveLocalKek(root, salt, 2), bound)).toThrow();
    expect(() => unwrapDataKey(blob, kek, { ...bound, subjectId: 'someone' })).toThrow();
  });
});

describe('rewrapDataKeys', () => {
  it('should move many wrapped keys from one KEK to the next in memory', () => {
    const oldKek = deriveLocalKek(root, salt, 1);
    const newKek = deriveLocalKek(root, salt, 2);
    const deks = Array.from({ length: 100 }, () => randomBytes(32));
    const wrapped = deks.map((dek) => {
      const bound = context();
      return { blob: wrapDataKey(dek, oldKek, bound), context: bound };
    });

    const moved = rewrapDataKeys(wrapped, oldKek, newKek);

    expect(moved.map(({ blob, context: bound }) => unwrapDataKey(blob, newKek, bound))).toEqual(
      deks,
    );
    expect(() => unwrapDataKey(moved[0].blob, oldKek, moved[0].context)).toThrow();
  });
});
