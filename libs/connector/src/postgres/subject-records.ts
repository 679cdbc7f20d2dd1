import { SubjectIdentifierKind } from '../data-map/data-map.schema';

export interface SubjectIdentifier {
  kind: SubjectIdentifierKind;
  value: string;
}

/** Who a request is about, within one company. */
export interface SubjectQuery {
  companyId: string;
  identifiers: SubjectIdentifier[];
}

/** Primary keys of a subject's records, per entity. */
export type SubjectRecords = Record<string, string[]>;

/**
 * Turns an identifier into what its column stores: the value normalised, or its blind
 * index when the column is encrypted. The connector itself never sees keys.
 */
export type IdentifierMatcher = (
  companyId: string,
  identifier: SubjectIdentifier,
  blindIndexed: boolean,
) => string | Promise<string>;

/**
 * Turns a rectified value into the columns that store it: the value itself for a plain
 * column; a ciphertext and a fresh blind index for an encrypted one.
 */
export type FieldWriter = (
  companyId: string,
  entity: string,
  recordId: string,
  column: string,
  value: string,
) => Record<string, string> | Promise<Record<string, string>>;

/**
 * Turns a stored row into what the subject reads in an export: encrypted fields opened,
 * values only the module can use (blind indexes, say) left out. Snapshots and rollback
 * never pass through it, so they keep the row exactly as stored.
 */
export type FieldReader = (
  companyId: string,
  entity: string,
  row: Record<string, unknown>,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface ErasureCounts {
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}
