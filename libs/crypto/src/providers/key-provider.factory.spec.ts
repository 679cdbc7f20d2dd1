import { DataSource } from 'typeorm';

import { KeyConfigurationError } from '../errors/key-configuration.error';
import { createKeyProvider } from './key-provider.factory';
import { KeyProviderSettings } from './key-provider.settings';

// Every refusal below happens before the keyring is read.
const dataSource = {} as DataSource;

async function refusal(settings: KeyProviderSettings): Promise<KeyConfigurationError> {
  const error = await createKeyProvider(settings, { dataSource }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(KeyConfigurationError);
  return error as KeyConfigurationError;
}

describe('createKeyProvider', () => {
  it('should refuse a production local provider with no master key', async () => {
    await expect(refusal({ kind: 'local', environment: 'production' })).resolves.toMatchObject({
      setting: 'local.masterKey',
    });
  });

  it('should refuse tokenless or remote plain-http Vault transit in production', async () => {
    const vault = {
      kind: 'vault-transit' as const,
      environment: 'production' as const,
      address: 'https://vault.internal:8200',
      token: 's.token',
      keyName: 'pii',
    };

    expect((await refusal({ ...vault, token: '' })).setting).toBe('vault-transit.token');
    expect((await refusal({ ...vault, address: 'http://vault.internal:8200' })).message).toBe(
      'vault-transit.address: must use https in production',
    );
    expect((await refusal({ ...vault, address: 'vault' })).message).toContain('not a URL');
  });

  it('should refuse AWS KMS without a key id or region', async () => {
    const kms = {
      kind: 'aws-kms' as const,
      environment: 'production' as const,
      keyId: 'alias/pii',
      region: 'eu-west-1',
    };

    expect((await refusal({ ...kms, keyId: '' })).setting).toBe('aws-kms.keyId');
    expect((await refusal({ ...kms, region: ' ' })).setting).toBe('aws-kms.region');
  });
});
