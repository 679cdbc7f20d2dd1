import { DataSource } from 'typeorm';

import { ValueCounter } from '../encryption/key-versions';
import { ciphertextPrefix, KeyVersionRef } from '../envelope/ciphertext-format';
import { assertCompanyId } from '../envelope/field-binding';
import { EncryptedColumnLocation } from './encrypted-column-location';
import { countUnderPrefixQuery, likePrefix } from './encrypted-column.queries';

export interface LocationCount {
  location: EncryptedColumnLocation;
  count: number;
}

export interface ValuesUnderVersion {
  total: number;
  /** One entry per location, in the order given. */
  byLocation: LocationCount[];
}

/**
 * How many of a company's values are still sealed under `version`, in every location, in
 * one round trip. Values under another key set (a subject's) never match the prefix.
 */
export async function countValuesUnderVersion(
  dataSource: DataSource,
  locations: readonly EncryptedColumnLocation[],
  companyId: string,
  version: KeyVersionRef,
): Promise<ValuesUnderVersion> {
  assertCompanyId(companyId);
  const rows = await dataSource.query<{ location: number; count: number }[]>(
    countUnderPrefixQuery(locations),
    [companyId, likePrefix(ciphertextPrefix(version))],
  );
  const counts = new Map(rows.map((row) => [Number(row.location), Number(row.count)]));
  const byLocation = locations.map((location, index) => ({
    location,
    count: counts.get(index) ?? 0,
  }));

  return { total: byLocation.reduce((sum, entry) => sum + entry.count, 0), byLocation };
}

/** The same as a `ValueCounter`, for `FieldEncryption.retireKeyVersions`. */
export function encryptedColumnsCounter(
  dataSource: DataSource,
  locations: readonly EncryptedColumnLocation[],
  companyId: string,
): ValueCounter {
  return async (version) =>
    (await countValuesUnderVersion(dataSource, locations, companyId, version)).total;
}
