import { createHash } from 'node:crypto';

import { KeyContext } from './key-provider';

const DOMAIN = 'compliance.crypto.key-context.v1';

/** Length-prefixed fields in a fixed order: the same context always gives the same bytes. */
export function encodeKeyContext(context: KeyContext): Buffer {
  const fields = [
    DOMAIN,
    context.companyId.toLowerCase(),
    context.keyId,
    String(context.version),
    context.purpose,
    context.subjectId ?? '',
  ];

  return Buffer.concat(
    fields.flatMap((field) => {
      const bytes = Buffer.from(field, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}

export function keyContextDigest(context: KeyContext): Buffer {
  return createHash('sha256').update(encodeKeyContext(context)).digest();
}

/** The context as string pairs, the form AWS KMS takes as its encryption context. */
export function keyContextPairs(context: KeyContext): Record<string, string> {
  const pairs: Record<string, string> = {
    companyId: context.companyId.toLowerCase(),
    keyId: context.keyId,
    keyVersion: String(context.version),
    purpose: context.purpose,
  };

  if (context.subjectId !== null) {
    pairs.subjectId = context.subjectId;
  }

  return pairs;
}
