import { ciphertextPrefix, KeyVersionRef } from '../envelope/ciphertext-format';
import { KeySet } from '../keyring/key-set';
import { DataKeyVersionRow } from '../keyring/keyring-rows';

export interface DataKeyVersion extends KeyVersionRef {
  /** What every value under this version starts with, for `LIKE prefix || '%'`. */
  ciphertextPrefix: string;
  /** Encryptions reserved under it: an upper bound of the values it sealed. */
  encryptionCount: number;
  kekProvider: string;
  kekVersion: number;
  createdAt: Date;
  retired: boolean;
}

export interface KeySetVersions {
  keyId: string;
  companyId: string;
  subjectId: string | null;
  minVersion: number;
  currentVersion: number;
  destroyed: boolean;
  versions: DataKeyVersion[];
}

/** Reports how many values a table still holds under one key version. */
export type ValueCounter = (version: DataKeyVersion) => Promise<number>;

export function toKeySetVersions(set: KeySet, rows: DataKeyVersionRow[]): KeySetVersions {
  const versions = rows.map((row) => {
    const ref = { keyId: set.id, version: row.version };

    return {
      ...ref,
      ciphertextPrefix: ciphertextPrefix(ref),
      encryptionCount: Number(row.encryption_count),
      kekProvider: row.kek_provider,
      kekVersion: row.kek_version,
      createdAt: row.created_at,
      retired: row.version < set.minVersion,
    };
  });

  return {
    keyId: set.id,
    companyId: set.companyId,
    subjectId: set.subjectId,
    minVersion: set.minVersion,
    currentVersion: Math.max(0, ...versions.map((version) => version.version)),
    destroyed: set.destroyed,
    versions,
  };
}
