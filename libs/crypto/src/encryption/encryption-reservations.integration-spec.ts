import { randomUUID } from 'node:crypto';

import { FieldBinding } from '../envelope/field-binding';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { FieldEncryption } from './field-encryption';
import { FieldEncryptionOptions } from './field-encryption.options';

function binding(companyId: string, recordId: string): FieldBinding {
  return { companyId, entity: 'contact', field: 'email', recordId };
}

describe(`${FieldEncryption.name} reservations`, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  async function facade(options: FieldEncryptionOptions): Promise<FieldEncryption> {
    const pool = await database.open();

    return new FieldEncryption(pool, await openTestLocalProvider(pool, masterKey), options);
  }

  async function counts(encryption: FieldEncryption, companyId: string): Promise<number[]> {
    const versions = await encryption.keyVersions(companyId);

    return versions?.versions.map((version) => version.encryptionCount) ?? [];
  }

  /** Polls until the background reservation lands; fails the test after two seconds. */
  async function settled(read: () => Promise<number[]>, expected: number[]): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      if (JSON.stringify(await read()) === JSON.stringify(expected)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await read()).toEqual(expected);
  }

  it('should reserve the next block while a quarter is left, twice as big when quick', async () => {
    const encryption = await facade({ reservationSize: 8 });
    const companyId = randomUUID();

    // 8 reserved by the first value; the sixth leaves 2 (a quarter), so 16 more follow.
    for (let index = 0; index < 6; index += 1) {
      await encryption.encrypt(`value ${index}`, binding(companyId, `${index}`));
    }

    await settled(() => counts(encryption, companyId), [24]);
  });

  it('should keep every key version within its limit and each count above its values', async () => {
    const encryption = await facade({ maxEncryptionsPerKey: 40, reservationSize: 4 });
    const companyId = randomUUID();
    const sealed: string[] = [];

    for (let index = 0; index < 150; index += 1) {
      sealed.push(await encryption.encrypt(`value ${index}`, binding(companyId, `${index}`)));
    }
    const perVersion = new Map<number, number>();
    for (const value of sealed) {
      const version = Number(value.split('.')[2]);
      perVersion.set(version, (perVersion.get(version) ?? 0) + 1);
    }
    const stored = await counts(encryption, companyId);

    expect(stored.every((count) => count <= 40)).toBe(true);
    for (const [version, values] of perVersion) {
      expect(stored[version - 1]).toBeGreaterThanOrEqual(values);
    }
    for (const [index, value] of sealed.entries()) {
      await expect(encryption.decrypt(value, binding(companyId, `${index}`))).resolves.toBe(
        `value ${index}`,
      );
    }
  });
});
