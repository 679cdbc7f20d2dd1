import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { FieldBinding } from '../envelope/field-binding';
import { createKeyProvider } from '../providers/key-provider.factory';
import { CountingKeyProvider } from '../testing/counting-key-provider';
import { CryptoDatabase, openCryptoTestDatabase } from '../testing/crypto-database';
import { openTestLocalProvider, testMasterKey } from '../testing/local-provider.factory';
import { startVaultTransitDouble, VaultTransitDouble } from '../testing/vault-transit.double';
import { FieldEncryption } from './field-encryption';

interface KeyRow {
  id: string;
  kek_provider: string;
  kek_version: number;
  wrapped_key: Buffer;
}

function binding(companyId: string): FieldBinding {
  return { companyId, entity: 'contact', field: 'email', recordId: randomUUID() };
}

describe(`${FieldEncryption.name} KEK rotation`, () => {
  const masterKey = testMasterKey();
  let database: CryptoDatabase;
  let dataSource: DataSource;
  let vault: VaultTransitDouble;

  beforeAll(async () => {
    database = await openCryptoTestDatabase();
    dataSource = await database.open();
    vault = await startVaultTransitDouble();
  });

  afterAll(async () => {
    await vault?.close();
    await database?.close();
  });

  async function keysOf(companyId: string): Promise<KeyRow[]> {
    return dataSource.query<KeyRow[]>(
      `SELECT id, kek_provider, kek_version, wrapped_key FROM crypto.data_keys
       WHERE company_id = $1 ORDER BY id`,
      [companyId],
    );
  }

  it("should make a new KEK version and rewrap a company's data keys, not its values", async () => {
    const encryption = new FieldEncryption(
      dataSource,
      await openTestLocalProvider(dataSource, masterKey),
    );
    const companyId = randomUUID();
    const where = binding(companyId);
    const sealed = await encryption.encrypt('kept across rotation', where);
    await encryption.blindIndex('email', 'a@b.co', companyId);
    const before = await keysOf(companyId);

    const result = await encryption.rotateKek(companyId);
    const after = await keysOf(companyId);
    // A new process with the same master key opens the keys under the new KEK version.
    const pool = await database.open();
    const fresh = new FieldEncryption(pool, await openTestLocalProvider(pool, masterKey));

    expect(result).toEqual({
      providerId: 'local',
      kekVersion: before[0].kek_version + 1,
      rewrapped: 2,
    });
    expect(after.map((row) => row.kek_version)).toEqual([result.kekVersion, result.kekVersion]);
    expect(after[0].wrapped_key.equals(before[0].wrapped_key)).toBe(false);
    await expect(fresh.decrypt(sealed, where)).resolves.toBe('kept across rotation');
  });

  it("should rewrap only the named company's keys, leaving others on the old version", async () => {
    const encryption = new FieldEncryption(
      dataSource,
      await openTestLocalProvider(dataSource, masterKey),
    );
    const rotated = randomUUID();
    const untouched = randomUUID();
    await encryption.encrypt('a', binding(rotated));
    await encryption.encrypt('b', binding(untouched));
    const [untouchedBefore] = await keysOf(untouched);

    const result = await encryption.rotateKek(rotated);

    expect((await keysOf(rotated))[0].kek_version).toBe(result.kekVersion);
    expect((await keysOf(untouched))[0].kek_version).toBe(untouchedBefore.kek_version);
    // The rest follow with a plain rewrap, which makes no new KEK version.
    await expect(encryption.rewrapDataKeys()).resolves.toBeGreaterThanOrEqual(1);
    expect((await keysOf(untouched))[0].kek_version).toBe(result.kekVersion);
  });

  it('should decrypt values sealed before a rotation made by another process', async () => {
    const companyId = randomUUID();
    const where = binding(companyId);
    const writer = new FieldEncryption(
      dataSource,
      await openTestLocalProvider(dataSource, masterKey),
    );
    const sealed = await writer.encrypt('old value', where);
    const otherPool = await database.open();
    const rotator = new FieldEncryption(
      otherPool,
      await openTestLocalProvider(otherPool, masterKey),
    );

    await rotator.rotateKek();
    const reader = new FieldEncryption(
      otherPool,
      await openTestLocalProvider(otherPool, masterKey),
    );

    await expect(reader.decrypt(sealed, where)).resolves.toBe('old value');
    await expect(writer.decrypt(sealed, where)).resolves.toBe('old value');
  });

  it('should move every data key from the local provider to Vault transit (a double)', async () => {
    const local = await openTestLocalProvider(dataSource, masterKey);
    const companyId = randomUUID();
    const where = binding(companyId);
    const sealed = await new FieldEncryption(dataSource, local).encrypt('moving', where);
    const keyName = `kek-${randomUUID()}`;
    vault.createKey(keyName);
    const vaultProvider = new CountingKeyProvider(
      await createKeyProvider(
        {
          kind: 'vault-transit',
          environment: 'test',
          address: vault.address,
          token: vault.token,
          keyName,
        },
        { dataSource },
      ),
    );
    const moving = new FieldEncryption(dataSource, vaultProvider, { previousProviders: [local] });

    await moving.rewrapDataKeys(companyId);
    // With the local provider gone, only Vault can open the key now.
    const vaultOnly = new FieldEncryption(dataSource, vaultProvider);

    expect((await keysOf(companyId))[0].kek_provider).toBe(vaultProvider.id);
    await expect(vaultOnly.decrypt(sealed, where)).resolves.toBe('moving');
  });
});
