import { CryptoError, FieldEncryption } from '@compliance/crypto';
import { DataSource } from 'typeorm';

import { dsrBenchQueries } from './dsr-bench.queries';

const BATCH = 50_000;

/** The e-mail address and external id of the n-th seeded contact. */
export function seededEmail(n: number): string {
  return `person${n}@bench.example`;
}

export function seededExternalId(n: number): string {
  return `ext-${n}`;
}

/**
 * A million contacts with a blind index of their e-mail address and a plain external id,
 * both indexed. The HMACs are made in a synchronous loop on warm keys and sent as arrays,
 * one statement per batch; the encrypted columns stay empty (lookups never read them).
 */
export async function seedContacts(
  dataSource: DataSource,
  encryption: FieldEncryption,
  companyId: string,
  accountId: string,
  count: number,
): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    const indexes = new Array<string>(size);
    const externalIds = new Array<string>(size);
    let i = 0;

    await encryption.codec.prepare(companyId, { encryptions: 0, blindIndex: true });

    while (i < size) {
      try {
        for (; i < size; i += 1) {
          indexes[i] = encryption.codec.blindIndex('email', seededEmail(start + i), companyId);
          externalIds[i] = seededExternalId(start + i);
        }
      } catch (error) {
        // A cached key aged out mid-batch: load it again and carry on.
        if (!(error instanceof CryptoError) || error.reason !== 'key_not_ready') {
          throw error;
        }

        await encryption.codec.prepare(companyId, { encryptions: 0, blindIndex: true });
      }
    }

    await dataSource.query(dsrBenchQueries.insertContacts, [
      companyId,
      accountId,
      indexes,
      externalIds,
    ]);
  }
}

/** One contact with leads, deals, notes and activities: `related` records in all. */
export async function seedErasureSubject(
  dataSource: DataSource,
  companyId: string,
  externalId: string,
  related: number,
): Promise<void> {
  const [contact] = await dataSource.query<{ id: string }[]>(dsrBenchQueries.insertSubject, [
    companyId,
    externalId,
  ]);
  const perEntity = Math.floor(related / 4);

  await dataSource.query(dsrBenchQueries.insertPipeline, [companyId, contact.id, perEntity]);
  await dataSource.query(dsrBenchQueries.insertActivities, [companyId, contact.id, perEntity]);
}

/** One contact with `records - 1` activities, made server-side. */
export async function seedExportSubject(
  dataSource: DataSource,
  companyId: string,
  externalId: string,
  records: number,
): Promise<void> {
  const [contact] = await dataSource.query<{ id: string }[]>(dsrBenchQueries.insertSubject, [
    companyId,
    externalId,
  ]);

  await dataSource.query(dsrBenchQueries.insertActivities, [companyId, contact.id, records - 1]);
}
