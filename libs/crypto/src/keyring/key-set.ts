import { KeyContext, KeyPurpose } from '../providers/key-provider';
import { KeySetRow } from './keyring-rows';

/** Whose key: a company's, or one data subject's within it; for data or for indexes. */
export interface KeyScope {
  companyId: string;
  subjectId: string | null;
  purpose: KeyPurpose;
}

export interface KeySet extends KeyScope {
  /** The key id every ciphertext under this set names. */
  id: string;
  /** Versions below it are retired and no longer decrypt. */
  minVersion: number;
  destroyed: boolean;
}

export function toKeySet(row: KeySetRow): KeySet {
  return {
    id: row.id,
    companyId: row.company_id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    minVersion: row.min_version,
    destroyed: row.destroyed_at !== null,
  };
}

export function scopeId(scope: KeyScope): string {
  return JSON.stringify([scope.companyId.toLowerCase(), scope.subjectId, scope.purpose]);
}

export function keyContext(set: KeySet, version: number): KeyContext {
  return {
    companyId: set.companyId,
    keyId: set.id,
    version,
    purpose: set.purpose,
    subjectId: set.subjectId,
  };
}
