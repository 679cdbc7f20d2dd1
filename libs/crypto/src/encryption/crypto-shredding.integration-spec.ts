import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { FieldBinding } from '../envelope/field-binding';
import { CryptoError } from '../errors/crypto.error';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { FieldEncryption } from './field-encryption';

async function failure(attempt: Promise<unknown>): Promise<CryptoError> {
  const thrown = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(CryptoError);
  return thrown as CryptoError;
}

describe(`${FieldEncryption.name} crypto-shredding`, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
  });

  afterAll(async () => {
    await database?.close();
  });

  async function facade(): Promise<FieldEncryption> {
    const pool = await database.open();
    return new FieldEncryption(pool, await openTestLocalProvider(pool, masterKey));
  }

  function subjectBinding(companyId: string, subjectId: string): FieldBinding {
    return { companyId, entity: 'contact', field: 'email', recordId: subjectId, subjectId };
  }

  it("should make all copies of the subject's values unreadable, and only those", async () => {
    const encryption = await facade();
    const companyId = randomUUID();
    const shredded = subjectBinding(companyId, randomUUID());
    const kept = subjectBinding(companyId, randomUUID());
    const companyWide = { ...subjectBinding(companyId, randomUUID()), subjectId: undefined };
    const live = await encryption.encrypt('ada@example.com', shredded);
    // A backup or an archive holds its own copy of the ciphertext.
    const backupCopy = `${live}`;
    const keptValue = await encryption.encrypt('kept@example.com', kept);
    const companyValue = await encryption.encrypt('company value', companyWide);
    const otherProcess = await facade();
    await otherProcess.decrypt(live, shredded);

    const result = await encryption.shredSubject(companyId, shredded.subjectId as string);
    const afterwards = await facade();

    expect(result.destroyedKeys).toBe(1);
    for (const reader of [encryption, afterwards]) {
      const error = await failure(reader.decrypt(backupCopy, shredded));
      expect(error.reason).toBe('key_destroyed');
      expect(error.message).toBe(
        'the key of this value was destroyed; the value can no longer be read',
      );
    }
    await expect(afterwards.decrypt(keptValue, kept)).resolves.toBe('kept@example.com');
    await expect(afterwards.decrypt(companyValue, companyWide)).resolves.toBe('company value');
  });

  it('should keep no key material for the subject in the keyring', async () => {
    const encryption = await facade();
    const companyId = randomUUID();
    const subjectId = randomUUID();
    await encryption.encrypt('x', subjectBinding(companyId, subjectId));

    await encryption.shredSubject(companyId, subjectId);
    const [row] = await dataSource.query<{ keys: number; destroyed: boolean }[]>(
      `SELECT (SELECT count(*)::int FROM crypto.data_keys d WHERE d.key_set_id = s.id) AS keys,
         s.destroyed_at IS NOT NULL AS destroyed
       FROM crypto.key_sets s WHERE s.company_id = $1 AND s.subject_id = $2`,
      [companyId, subjectId],
    );

    expect(row).toEqual({ keys: 0, destroyed: true });
  });

  it('should refuse new values for a shredded subject rather than start a fresh key', async () => {
    const encryption = await facade();
    const companyId = randomUUID();
    const subjectId = randomUUID();

    await encryption.shredSubject(companyId, subjectId);
    const error = await failure(
      encryption.encrypt('back again', subjectBinding(companyId, subjectId)),
    );

    expect(error.reason).toBe('key_destroyed');
  });

  it("should call another company's shredded value a binding mismatch, not destroyed", async () => {
    const encryption = await facade();
    const companyId = randomUUID();
    const subjectId = randomUUID();
    const sealed = await encryption.encrypt('x', subjectBinding(companyId, subjectId));
    await encryption.shredSubject(companyId, subjectId);

    const error = await failure(
      encryption.decrypt(sealed, subjectBinding(randomUUID(), subjectId)),
    );

    expect(error.reason).toBe('authentication_failed');
  });
});
