import { randomUUID } from 'node:crypto';

import { CryptoError } from '../errors/crypto.error';
import { CryptoDatabase, openCryptoPgliteDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { FieldEncryption } from './field-encryption';

describe(`${FieldEncryption.name} on embedded PGlite`, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;

  // Starting PGlite takes several seconds, beyond Jest's default hook timeout.
  beforeAll(async () => {
    database = await openCryptoPgliteDatabase();
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  async function facade(options = {}): Promise<FieldEncryption> {
    const pool = await database.open();
    return new FieldEncryption(pool, await openTestLocalProvider(pool, masterKey), options);
  }

  it('should seal, open, replace data keys, rotate the KEK and shred a subject', async () => {
    const encryption = await facade({ maxEncryptionsPerKey: 2, reservationSize: 1 });
    const companyId = randomUUID();
    const subjectId = randomUUID();
    const where = { companyId, entity: 'contact', field: 'email', recordId: '1' };
    const subject = { ...where, recordId: '2', subjectId };

    const sealed = [
      await encryption.encrypt('one', where),
      await encryption.encrypt('two', where),
      await encryption.encrypt('three', where),
    ];
    const subjectValue = await encryption.encrypt('subject', subject);
    const rotation = await encryption.rotateKek(companyId);
    const index = await encryption.blindIndex('phone', '(415) 555-0100', companyId);
    const reader = await facade();

    expect(sealed.map((value) => value.split('.')[2])).toEqual(['1', '1', '2']);
    expect(rotation).toMatchObject({ kekVersion: 2, rewrapped: 3 });
    await expect(reader.decrypt(sealed[0], where)).resolves.toBe('one');
    await expect(reader.decrypt(sealed[2], where)).resolves.toBe('three');
    await expect(reader.blindIndex('phone', '+14155550100', companyId)).resolves.toBe(index);

    await encryption.shredSubject(companyId, subjectId);
    const error = await reader.decrypt(subjectValue, subject).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CryptoError);
    expect(error).toMatchObject({ reason: 'key_destroyed' });
  });

  it('should end with one data key when processes race for the first one', async () => {
    const companyId = randomUUID();
    const processes = await Promise.all([facade(), facade(), facade()]);

    const sealed = await Promise.all(
      processes.map((encryption, index) =>
        encryption.encrypt('race', { companyId, entity: 'c', field: 'f', recordId: `${index}` }),
      ),
    );

    expect(new Set(sealed.map((value) => value.split('.').slice(1, 3).join('.'))).size).toBe(1);
  });
});
