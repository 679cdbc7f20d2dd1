import { parseCiphertext } from '../envelope/ciphertext-format';
import { FieldBinding } from '../envelope/field-binding';

/** One stored value, with where it sits in the caller's table. */
export interface StoredCiphertext<TCursor> {
  cursor: TCursor;
  ciphertext: string;
  binding: FieldBinding;
}

export interface ReencryptedValue<TCursor> {
  value: StoredCiphertext<TCursor>;
  ciphertext: string;
}

/**
 * The caller's table, seen as pages of encrypted values in a stable order. `writePage`
 * should only replace a value that still holds the ciphertext read (compare and set), so a
 * concurrent edit is never overwritten with older content.
 */
export interface ReencryptionSource<TCursor> {
  readPage(after: TCursor | undefined, limit: number): Promise<StoredCiphertext<TCursor>[]>;
  writePage(values: ReencryptedValue<TCursor>[]): Promise<void>;
}

export interface ReencryptionProgress<TCursor> {
  scanned: number;
  reencrypted: number;
  /** Where to resume; undefined before the first page. */
  cursor: TCursor | undefined;
  done: boolean;
}

export interface ReencryptionOptions<TCursor> {
  batchSize?: number;
  /** Resume after this cursor, as reported by an earlier run. */
  after?: TCursor;
  /** Stop after this many pages; run again with the returned cursor to go on. */
  maxBatches?: number;
  /** Called after each page is written, e.g. to store the cursor. */
  onBatch?(progress: ReencryptionProgress<TCursor>): void | Promise<void>;
}

/** What re-encryption needs of the keyring. */
export interface ReencryptionKeys {
  newestVersion(keyId: string): Promise<number>;
  decrypt(ciphertext: string, binding: FieldBinding): Promise<string>;
  /** Seals under the newest version of the key set `keyId`. */
  encryptUnder(keyId: string, plaintext: string, binding: FieldBinding): Promise<string>;
}

/**
 * Moves values sealed under older data key versions to the newest version of the same key
 * set, a page at a time. Values already under the newest version are skipped, so a run
 * that stopped part way can start over or resume from its cursor.
 */
export async function reencryptValues<TCursor>(
  keys: ReencryptionKeys,
  source: ReencryptionSource<TCursor>,
  options: ReencryptionOptions<TCursor> = {},
): Promise<ReencryptionProgress<TCursor>> {
  const batchSize = options.batchSize ?? 200;
  const newest = new Map<string, number>();
  const progress: ReencryptionProgress<TCursor> = {
    scanned: 0,
    reencrypted: 0,
    cursor: options.after,
    done: false,
  };

  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch += 1) {
    const page = await source.readPage(progress.cursor, batchSize);
    const changes: ReencryptedValue<TCursor>[] = [];

    for (const value of page) {
      const { keyId, version } = parseCiphertext(value.ciphertext);

      if (!newest.has(keyId)) {
        newest.set(keyId, await keys.newestVersion(keyId));
      }

      if (version < (newest.get(keyId) ?? version)) {
        const plaintext = await keys.decrypt(value.ciphertext, value.binding);
        const ciphertext = await keys.encryptUnder(keyId, plaintext, value.binding);
        changes.push({ value, ciphertext });
      }
    }

    if (changes.length > 0) {
      await source.writePage(changes);
    }

    progress.scanned += page.length;
    progress.reencrypted += changes.length;
    progress.cursor = page.length > 0 ? page[page.length - 1].cursor : progress.cursor;
    progress.done = page.length < batchSize;
    await options.onBatch?.({ ...progress });

    if (progress.done) {
      break;
    }
  }

  return progress;
}
