import { randomBytes, randomUUID } from 'node:crypto';

import { FieldEncryption } from '../../encryption/field-encryption';
import { CryptoError } from '../../errors/crypto.error';
import { CryptoDatabase, openCryptoTestDatabase } from '../../testing/crypto-database';
import { openVaultTarget, VAULT_TARGET, VaultTarget } from '../../testing/vault-transit.target';
import { createKeyProvider } from '../key-provider.factory';
import { KeyContext, KeyProvider } from '../key-provider';
import { VaultTransitKeyProvider } from './vault-transit-key.provider';

function context(): KeyContext {
  return {
    companyId: randomUUID(),
    keyId: randomUUID(),
    version: 1,
    purpose: 'data',
    subjectId: null,
  };
}

describe(`${VaultTransitKeyProvider.name} against ${VAULT_TARGET}`, () => {
  let vault: VaultTarget;
  let database: CryptoDatabase;

  beforeAll(async () => {
    vault = await openVaultTarget();
    database = await openCryptoTestDatabase();
  });

  afterAll(async () => {
    await vault?.close();
    await database?.close();
  });

  async function provider(
    options: { derived?: boolean; token?: string } = {},
  ): Promise<KeyProvider> {
    const keyName = `kek-${randomUUID()}`;
    await vault.createKey(keyName, { derived: options.derived });

    return createKeyProvider(
      {
        kind: 'vault-transit',
        environment: 'test',
        address: vault.address,
        token: options.token ?? vault.token,
        mount: vault.mount,
        keyName,
        derived: options.derived,
      },
      { dataSource: await database.open() },
    );
  }

  it('should wrap and unwrap a data key', async () => {
    const transit = await provider();
    const dek = randomBytes(32);
    const bound = context();

    const wrapped = await transit.wrap(dek, bound);

    expect(wrapped.kekVersion).toBe(1);
    expect(wrapped.blob.toString()).toMatch(/^vault:v1:/);
    await expect(transit.unwrap(wrapped, bound)).resolves.toEqual(dek);
  });

  it('should refuse a wrapped key presented under another context', async () => {
    for (const derived of [false, true]) {
      const transit = await provider({ derived });
      const bound = context();
      const wrapped = await transit.wrap(randomBytes(32), bound);

      await expect(
        transit.unwrap(wrapped, { ...bound, keyId: randomUUID() }),
      ).rejects.toMatchObject({
        reason: 'key_unavailable',
      });
    }
  });

  it('should rotate the key, rewrap in Vault and still unwrap the old wrapping', async () => {
    const transit = await provider();
    const dek = randomBytes(32);
    const bound = context();
    const old = await transit.wrap(dek, bound);

    await expect(transit.rotate?.()).resolves.toBe(2);
    const moved = await transit.rewrap!(old, bound);

    expect(transit.currentVersion).toBe(2);
    expect(moved.blob.toString()).toMatch(/^vault:v2:/);
    await expect(transit.unwrap(old, bound)).resolves.toEqual(dek);
    await expect(transit.unwrap(moved, bound)).resolves.toEqual(dek);
  });

  it('should fail on a wrong token without repeating it', async () => {
    const token = `s.${randomUUID()}`;

    const error = await provider({ token }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CryptoError);
    expect((error as CryptoError).message).toContain('status 403');
    expect((error as CryptoError).message).not.toContain(token);
  });

  it('should round-trip a value through the facade and rotate its KEK', async () => {
    const transit = await provider();
    const dataSource = await database.open();
    const encryption = new FieldEncryption(dataSource, transit);
    const where = { companyId: randomUUID(), entity: 'contact', field: 'ssn', recordId: '7' };
    const sealed = await encryption.encrypt('123-45-6789', where);

    const rotation = await encryption.rotateKek();
    const fresh = new FieldEncryption(await database.open(), transit);

    expect(rotation).toMatchObject({ kekVersion: 2, rewrapped: 1 });
    await expect(fresh.decrypt(sealed, where)).resolves.toBe('123-45-6789');
  });
});
