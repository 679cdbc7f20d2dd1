import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface ArchivedRecord {
  entity: string;
  id: string;
  record: Record<string, unknown>;
}

export interface EncodedArchive {
  body: Buffer;
  /** SHA-256 of the uncompressed lines: what the read-back must reproduce. */
  digest: string;
  count: number;
}

/** One JSON line per record, gzip-compressed. */
export function encodeArchive(records: readonly ArchivedRecord[]): EncodedArchive {
  const text = records.map((record) => JSON.stringify(record)).join('\n') + '\n';

  return {
    body: gzipSync(Buffer.from(text, 'utf8')),
    digest: createHash('sha256').update(text).digest('hex'),
    count: records.length,
  };
}

export function decodeArchive(body: Buffer): ArchivedRecord[] {
  return gunzipSync(body)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as ArchivedRecord);
}

/**
 * Reads an archive back as the store holds it and checks it is the one written: same
 * digest, same records. A record is deleted only after this passes.
 */
export function verifyArchive(stored: Buffer, expected: EncodedArchive): boolean {
  const text = gunzipSync(stored).toString('utf8');
  const digest = createHash('sha256').update(text).digest('hex');
  const count = text.split('\n').filter((line) => line.length > 0).length;

  return digest === expected.digest && count === expected.count;
}
