import { randomBytes, randomUUID } from 'node:crypto';

import { createFieldEncryption } from '../../encryption/create-field-encryption';
import { KeyConfigurationError } from '../../errors/key-configuration.error';
import { CryptoDatabase, openCryptoTestDatabase } from '../../testing/crypto-database';
import { createKeyProvider } from '../key-provider.factory';
import { KeyContext } from '../key-provider';
import { KeyStretcher, PassphraseDerivation, pbkdf2Sha256 } from './key-stretcher';
import { LocalKeyProvider } from './local-key.provider';

function context(): KeyContext {
  return {
    companyId: randomUUID(),
    keyId: randomUUID(),
    version: 1,
    purpose: 'data',
    subjectId: null,
  };
}

describe(LocalKeyProvider.name, () => {
  let database: CryptoDatabase;

  beforeEach(async () => {
    database = await openCryptoTestDatabase();
  });

  afterEach(async () => {
    await database?.close();
  });

  it('should wrap and unwrap a data key, and refuse it under another context', async () => {
    const dataSource = await database.open();
    const provider = await createKeyProvider(
      { kind: 'local', environment: 'test', masterKey: randomBytes(32).toString('hex') },
      { dataSource },
    );
    const dek = randomBytes(32);
    const bound = context();

    const wrapped = await provider.wrap(dek, bound);

    expect(wrapped).toMatchObject({ providerId: 'local', kekVersion: 1 });
    expect(wrapped.blob.includes(dek)).toBe(false);
    await expect(provider.unwrap(wrapped, bound)).resolves.toEqual(dek);
    await expect(provider.unwrap(wrapped, { ...bound, version: 2 })).rejects.toMatchObject({
      reason: 'key_unavailable',
    });
  });

  it('should round-trip a value through the facade on the local provider', async () => {
    const dataSource = await database.open();
    const encryption = await createFieldEncryption(dataSource, {
      kind: 'local',
      environment: 'test',
      masterKey: randomBytes(32).toString('base64'),
    });
    const where = { companyId: randomUUID(), entity: 'contact', field: 'name', recordId: '1' };

    const sealed = await encryption.encrypt('Grace Hopper', where);

    await expect(encryption.decrypt(sealed, where)).resolves.toBe('Grace Hopper');
  });

  it('should stretch a passphrase once per process, with at least 600,000 rounds', async () => {
    const rounds: number[] = [];
    const counting: PassphraseDerivation = (passphrase, salt, iterations) => {
      rounds.push(iterations);
      return pbkdf2Sha256(passphrase, salt, iterations);
    };
    const stretcher = new KeyStretcher(counting);
    const settings = {
      kind: 'local' as const,
      environment: 'production' as const,
      passphrase: 'correct horse battery staple',
    };

    // Three pools, as three modules of one process would open them.
    const providers = [];
    for (let pool = 0; pool < 3; pool += 1) {
      const dataSource = await database.open();
      providers.push(await createKeyProvider(settings, { dataSource, stretcher }));
    }
    const bound = context();
    const wrapped = await providers[0].wrap(randomBytes(32), bound);

    expect(rounds).toEqual([600_000]);
    await expect(providers[2].unwrap(wrapped, bound)).resolves.toHaveLength(32);
  });

  it('should refuse a master key that is not the one the keyring was made with', async () => {
    const dataSource = await database.open();
    await createKeyProvider(
      { kind: 'local', environment: 'test', masterKey: randomBytes(32).toString('base64') },
      { dataSource },
    );

    const opening = createKeyProvider(
      { kind: 'local', environment: 'test', masterKey: randomBytes(32).toString('base64') },
      { dataSource },
    );

    await expect(opening).rejects.toThrow(KeyConfigurationError);
    await expect(opening).rejects.toThrow(
      'local.masterKey: does not open this keyring: ' +
        'it is not the secret the keyring was created with',
    );
  });

  it('should refuse a passphrase for a keyring made with a master key', async () => {
    const dataSource = await database.open();
    await createKeyProvider(
      { kind: 'local', environment: 'test', masterKey: randomBytes(32).toString('base64') },
      { dataSource },
    );

    const opening = createKeyProvider(
      { kind: 'local', environment: 'test', passphrase: 'a passphrase of some length' },
      { dataSource },
    );

    await expect(opening).rejects.toThrow('was created with a master key; configure that instead');
  });

  it('should keep a generated development key in the keyring and reuse it', async () => {
    const dataSource = await database.open();
    const settings = {
      kind: 'local' as const,
      environment: 'development' as const,
      allowGeneratedKey: true,
    };
    const first = await createKeyProvider(settings, { dataSource });
    const bound = context();
    const wrapped = await first.wrap(randomBytes(32), bound);

    const second = await createKeyProvider(settings, { dataSource: await database.open() });

    await expect(second.unwrap(wrapped, bound)).resolves.toHaveLength(32);
  });

  it('should make a new KEK version on rotation and still unwrap under the old one', async () => {
    const dataSource = await database.open();
    const masterKey = randomBytes(32).toString('base64');
    const provider = await createKeyProvider(
      { kind: 'local', environment: 'test', masterKey },
      { dataSource },
    );
    const bound = context();
    const old = await provider.wrap(randomBytes(32), bound);

    await expect(provider.rotate?.()).resolves.toBe(2);
    const other = await createKeyProvider(
      { kind: 'local', environment: 'test', masterKey },
      { dataSource: await database.open() },
    );
    const moved = await other.rewrap?.(old, bound);

    expect(other.currentVersion).toBe(2);
    expect(moved?.kekVersion).toBe(2);
    await expect(other.unwrap(old, bound)).resolves.toEqual(await other.unwrap(moved!, bound));
  });
});
