import { randomBytes, randomUUID } from 'node:crypto';

import { FieldEncryption } from '../../encryption/field-encryption';
import { AWS_KMS_TARGET, AwsKmsTarget, openAwsKmsTarget } from '../../testing/aws-kms.target';
import { CryptoDatabase, openCryptoTestDatabase } from '../../testing/crypto-database';
import { createKeyProvider } from '../key-provider.factory';
import { KeyContext, KeyProvider } from '../key-provider';
import { AwsKmsKeyProvider } from './aws-kms-key.provider';

function context(): KeyContext {
  return {
    companyId: randomUUID(),
    keyId: randomUUID(),
    version: 1,
    purpose: 'data',
    subjectId: randomUUID(),
  };
}

describe(`${AwsKmsKeyProvider.name} against ${AWS_KMS_TARGET}`, () => {
  let kms: AwsKmsTarget;
  let database: CryptoDatabase;
  let provider: KeyProvider;

  beforeAll(async () => {
    kms = await openAwsKmsTarget();
    database = await openCryptoTestDatabase();
    provider = await createKeyProvider(kms.settings, { dataSource: await database.open() });
  });

  afterAll(async () => {
    await provider?.close?.();
    await kms?.close();
    await database?.close();
  });

  it('should wrap and unwrap a data key through the SDK', async () => {
    const dek = randomBytes(32);
    const bound = context();

    const wrapped = await provider.wrap(dek, bound);

    expect(wrapped).toMatchObject({ providerId: `aws-kms:${kms.settings.keyId}`, kekVersion: 1 });
    expect(wrapped.blob.includes(dek)).toBe(false);
    await expect(provider.unwrap(wrapped, bound)).resolves.toEqual(dek);
  });

  it('should refuse a wrapped key under another encryption context', async () => {
    const bound = context();
    const wrapped = await provider.wrap(randomBytes(32), bound);

    const error = await provider
      .unwrap(wrapped, { ...bound, companyId: randomUUID() })
      .catch((e) => e);

    expect(error).toMatchObject({
      reason: 'key_unavailable',
      message: 'the data key is unavailable: AWS KMS decrypt failed (InvalidCiphertextException)',
    });
  });

  it('should round-trip a value through the facade', async () => {
    const dataSource = await database.open();
    const encryption = new FieldEncryption(dataSource, provider);
    const where = { companyId: randomUUID(), entity: 'contact', field: 'iban', recordId: '9' };
    const sealed = await encryption.encrypt('DE89370400440532013000', where);

    const fresh = new FieldEncryption(await database.open(), provider);

    await expect(fresh.decrypt(sealed, where)).resolves.toBe('DE89370400440532013000');
  });
});
