import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { FieldEncryption } from '../encryption/field-encryption';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { countValuesUnderVersion, encryptedColumnsCounter } from './count-values-under-version';
import { EncryptedColumnLocation } from './encrypted-column-location';

const NOTES: EncryptedColumnLocation = {
  schema: 'public',
  table: 'notes',
  column: 'body_sealed',
  companyColumn: 'company_id',
};
const REQUESTS: EncryptedColumnLocation = {
  schema: 'public',
  table: 'requests',
  column: 'identifiers',
  companyColumn: 'tenant_id',
  jsonArrayKey: 'sealed',
};

describe('countValuesUnderVersion', () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
    await dataSource.query(`
      CREATE TABLE public.notes (id uuid PRIMARY KEY, company_id uuid NOT NULL, body_sealed text)`);
    await dataSource.query(`
      CREATE TABLE public.requests (id uuid PRIMARY KEY, tenant_id uuid NOT NULL,
        identifiers jsonb NOT NULL)`);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** A facade whose data key takes a new version after every two values. */
  async function smallKeys(): Promise<FieldEncryption> {
    return new FieldEncryption(dataSource, await openTestLocalProvider(dataSource, masterKey), {
      maxEncryptionsPerKey: 2,
      reservationSize: 1,
    });
  }

  async function seal(encryption: FieldEncryption, companyId: string, subjectId?: string) {
    const binding = { companyId, entity: 'spec', field: 'value', recordId: randomUUID() };
    return encryption.encrypt('a value', { ...binding, subjectId });
  }

  it('should count a company’s values under a version in tables and jsonb arrays', async () => {
    const companyId = randomUUID();
    const otherCompanyId = randomUUID();
    const encryption = await smallKeys();
    // Version 1 seals the note and the first identifier, version 2 the next two values.
    const note = await seal(encryption, companyId);
    const identifiers = [await seal(encryption, companyId), await seal(encryption, companyId)];
    const laterNote = await seal(encryption, companyId);
    // Neither another company's value nor one under a data subject's own key counts.
    const subjectNote = await seal(encryption, companyId, 'subject-1');
    await dataSource.query(
      `INSERT INTO public.notes VALUES ($1, $2, $3), ($4, $2, $5), ($6, $2, $7), ($8, $9, $10)`,
      [
        randomUUID(),
        companyId,
        note,
        randomUUID(),
        laterNote,
        randomUUID(),
        subjectNote,
        randomUUID(),
        otherCompanyId,
        await seal(encryption, otherCompanyId),
      ],
    );
    await dataSource.query(`INSERT INTO public.requests VALUES ($1, $2, $3), ($4, $2, $5)`, [
      randomUUID(),
      companyId,
      JSON.stringify(identifiers.map((sealed) => ({ kind: 'email', sealed }))),
      randomUUID(),
      JSON.stringify({ not: 'an array' }),
    ]);
    const keySet = await encryption.keyVersions(companyId);
    const [first, second] = keySet!.versions;

    const underFirst = await countValuesUnderVersion(
      dataSource,
      [NOTES, REQUESTS],
      companyId,
      first,
    );
    const underSecond = await countValuesUnderVersion(
      dataSource,
      [NOTES, REQUESTS],
      companyId,
      second,
    );

    expect(underFirst).toEqual({
      total: 2,
      byLocation: [
        { location: NOTES, count: 1 },
        { location: REQUESTS, count: 1 },
      ],
    });
    expect(underSecond.total).toBe(2);
    await expect(
      encryptedColumnsCounter(dataSource, [NOTES, REQUESTS], otherCompanyId)(first),
    ).resolves.toBe(0);
  });

  it('should let a retirement through only once no location holds a value under it', async () => {
    const companyId = randomUUID();
    const encryption = await smallKeys();
    const noteId = randomUUID();
    await dataSource.query(`INSERT INTO public.notes VALUES ($1, $2, $3)`, [
      noteId,
      companyId,
      await seal(encryption, companyId),
    ]);
    await seal(encryption, companyId);
    await seal(encryption, companyId);
    const countValuesUnder = encryptedColumnsCounter(dataSource, [NOTES, REQUESTS], companyId);

    const refused = await encryption
      .retireKeyVersions(companyId, { belowVersion: 2, countValuesUnder })
      .catch((failure: unknown) => failure);
    await dataSource.query('DELETE FROM public.notes WHERE id = $1', [noteId]);

    expect(refused).toMatchObject({
      code: 'conflict',
      details: [{ path: 'versions.1', message: '1 values are still sealed under version 1' }],
    });
    await expect(
      encryption.retireKeyVersions(companyId, { belowVersion: 2, countValuesUnder }),
    ).resolves.toBe(2);
  });
});

describe(`${FieldEncryption.name}.dataKeyCompanies`, () => {
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
  });

  afterAll(async () => {
    await database?.close();
  });

  it('should list each company with a data key, live subject key sets counted apart', async () => {
    const encryption = new FieldEncryption(dataSource, await openTestLocalProvider(dataSource));
    const [withBoth, subjectsOnly, indexOnly] = [randomUUID(), randomUUID(), randomUUID()].sort();
    const binding = (companyId: string, subjectId?: string) => ({
      companyId,
      entity: 'spec',
      field: 'value',
      recordId: randomUUID(),
      subjectId,
    });
    await encryption.encrypt('x', binding(withBoth));
    await encryption.encrypt('x', binding(withBoth, 'subject-1'));
    await encryption.encrypt('x', binding(withBoth, 'subject-2'));
    await encryption.shredSubject(withBoth, 'subject-2');
    await encryption.encrypt('x', binding(subjectsOnly, 'subject-1'));
    await encryption.blindIndex('email', 'a@example.com', indexOnly);

    await expect(encryption.dataKeyCompanies()).resolves.toEqual([
      { companyId: withBoth, hasCompanyKey: true, subjectKeySets: 1 },
      { companyId: subjectsOnly, hasCompanyKey: false, subjectKeySets: 1 },
    ]);
  });
});
