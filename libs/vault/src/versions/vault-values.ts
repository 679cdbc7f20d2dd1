import { ReencryptionSource, ValueCounter } from '@compliance/crypto';
import { DataSource } from 'typeorm';

import { valueBinding } from '../support/value-binding';
import {
  COMPANIES_WITH_VALUES,
  COUNT_VALUES_WITH_PREFIX,
  PAGE_OF_VALUES,
  REPLACE_VALUE,
} from './version.queries';

/** How many of a company's secret values a data key version still seals. */
export function vaultValueCounter(dataSource: DataSource, companyId: string): ValueCounter {
  return async (version) => {
    const [{ count }] = await dataSource.query<{ count: number }[]>(COUNT_VALUES_WITH_PREFIX, [
      companyId,
      version.ciphertextPrefix,
    ]);
    return count;
  };
}

/** The vault's stored values as pages for `FieldEncryption.reencrypt`, by version row id. */
export function vaultReencryptionSource(
  dataSource: DataSource,
  companyId?: string,
): ReencryptionSource<string> {
  return {
    readPage: async (after, limit) => {
      const rows = await dataSource.query<
        { id: string; company_id: string; value_ciphertext: string }[]
      >(PAGE_OF_VALUES, [companyId ?? null, after ?? null, limit]);

      return rows.map((row) => ({
        cursor: row.id,
        ciphertext: row.value_ciphertext,
        binding: valueBinding(row.company_id, row.id),
      }));
    },
    writePage: async (values) => {
      await dataSource.transaction(async (manager) => {
        for (const { value, ciphertext } of values) {
          await manager.query(REPLACE_VALUE, [value.cursor, value.ciphertext, ciphertext]);
        }
      });
    },
  };
}

/** The companies the vault holds values of. */
export async function vaultCompanies(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ company_id: string }[]>(COMPANIES_WITH_VALUES);
  return rows.map((row) => row.company_id);
}
