import { randomUUID } from 'node:crypto';

import { ServiceError } from '@compliance/contracts';
import { DataSource } from 'typeorm';

import { CryptoError } from '../errors/crypto.error';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { FieldEncryption } from './field-encryption';
import { DataKeyVersion } from './key-versions';
import { ReencryptionSource } from './reencryption';

interface ContactRow {
  id: string;
  company_id: string;
  email: string;
}

describe(`${FieldEncryption.name} re-encryption and retirement`, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
    await dataSource.query(`
      CREATE TABLE public.crm_contacts (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL,
        email text NOT NULL
      )`);
  });

  afterAll(async () => {
    await database?.close();
  });

  function bindingOf(row: { id: string; company_id: string }) {
    return { companyId: row.company_id, entity: 'contact', field: 'email', recordId: row.id };
  }

  /** The contacts table seen as pages by id; writes only replace what was read. */
  function contactsOf(companyId: string): ReencryptionSource<string> {
    return {
      readPage: async (after, limit) => {
        const rows = await dataSource.query<ContactRow[]>(
          `SELECT id, company_id, email FROM public.crm_contacts
           WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
          [companyId, after ?? '00000000-0000-0000-0000-000000000000', limit],
        );
        return rows.map((row) => ({
          cursor: row.id,
          ciphertext: row.email,
          binding: bindingOf(row),
        }));
      },
      writePage: async (values) => {
        for (const { value, ciphertext } of values) {
          await dataSource.query(
            'UPDATE public.crm_contacts SET email = $2 WHERE id = $1 AND email = $3',
            [value.cursor, ciphertext, value.ciphertext],
          );
        }
      },
    };
  }

  async function countUnder(version: DataKeyVersion): Promise<number> {
    const [row] = await dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM public.crm_contacts WHERE email LIKE $1 || '%'`,
      [version.ciphertextPrefix],
    );
    return row.count;
  }

  /** Ten contacts over data key versions 1, 2 and 3 (four values per version at most). */
  async function seedContacts(companyId: string): Promise<ContactRow[]> {
    const writer = new FieldEncryption(
      dataSource,
      await openTestLocalProvider(dataSource, masterKey),
      { maxEncryptionsPerKey: 4, reservationSize: 1 },
    );
    const rows: ContactRow[] = [];

    for (let index = 0; index < 10; index += 1) {
      const row = { id: randomUUID(), company_id: companyId, email: '' };
      row.email = await writer.encrypt(`person${index}@example.com`, bindingOf(row));
      await dataSource.query('INSERT INTO public.crm_contacts VALUES ($1, $2, $3)', [
        row.id,
        row.company_id,
        row.email,
      ]);
      rows.push(row);
    }

    return rows;
  }

  async function facade(): Promise<FieldEncryption> {
    return new FieldEncryption(dataSource, await openTestLocalProvider(dataSource, masterKey));
  }

  it('should move old values to the newest key in batches and resume from a cursor', async () => {
    const companyId = randomUUID();
    const seeded = await seedContacts(companyId);
    const encryption = await facade();
    const cursors: string[] = [];

    const first = await encryption.reencrypt(contactsOf(companyId), {
      batchSize: 3,
      maxBatches: 2,
      onBatch: (progress) => void cursors.push(progress.cursor as string),
    });
    const rest = await encryption.reencrypt(contactsOf(companyId), {
      batchSize: 3,
      after: first.cursor,
    });
    const versions = await encryption.keyVersions(companyId);
    const stored = await dataSource.query<ContactRow[]>(
      'SELECT id, company_id, email FROM public.crm_contacts WHERE company_id = $1',
      [companyId],
    );

    expect(first).toMatchObject({ scanned: 6, done: false });
    expect(cursors).toHaveLength(2);
    expect(rest).toMatchObject({ scanned: 4, done: true });
    expect(first.reencrypted + rest.reencrypted).toBe(8);
    expect(await countUnder(versions!.versions[0])).toBe(0);
    expect(await countUnder(versions!.versions[1])).toBe(0);
    for (const row of stored) {
      const index = seeded.findIndex((seed) => seed.id === row.id);
      expect(row.email.split('.')[2]).toBe('3');
      await expect(encryption.decrypt(row.email, bindingOf(row))).resolves.toBe(
        `person${index}@example.com`,
      );
    }

    // A second full run finds nothing left to move.
    await expect(encryption.reencrypt(contactsOf(companyId))).resolves.toMatchObject({
      scanned: 10,
      reencrypted: 0,
      done: true,
    });
  });

  it('should retire old versions once no value is left under them, then refuse them', async () => {
    const companyId = randomUUID();
    const seeded = await seedContacts(companyId);
    const encryption = await facade();
    // A backup taken before the re-encryption still holds a version 1 value.
    const backup = seeded[0];
    await encryption.reencrypt(contactsOf(companyId));

    const minVersion = await encryption.retireKeyVersions(companyId, {
      belowVersion: 3,
      countValuesUnder: countUnder,
    });
    const error = await (await facade()).decrypt(backup.email, bindingOf(backup)).catch((e) => e);

    expect(minVersion).toBe(3);
    expect(error).toBeInstanceOf(CryptoError);
    expect(error).toMatchObject({
      reason: 'key_retired',
      message: 'the key version of this value is retired and no longer decrypts',
    });
    expect((await encryption.keyVersions(companyId))?.versions.map((v) => v.retired)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('should refuse to retire versions that still seal values, naming them', async () => {
    const companyId = randomUUID();
    await seedContacts(companyId);
    const encryption = await facade();

    const error = await encryption
      .retireKeyVersions(companyId, { belowVersion: 3, countValuesUnder: countUnder })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'conflict',
      details: [
        { path: 'versions.1', message: '4 values are still sealed under version 1' },
        { path: 'versions.2', message: '4 values are still sealed under version 2' },
      ],
    });
  });

  it('should refuse to retire the current version', async () => {
    const companyId = randomUUID();
    await seedContacts(companyId);
    const encryption = await facade();

    const error = await encryption
      .retireKeyVersions(companyId, { belowVersion: 4, countValuesUnder: async () => 0 })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'bad_request' });
  });
});
