import { AppConfig } from '@compliance/config';

import { KeyProviderSettings } from '../providers/key-provider.settings';

/**
 * The provider settings the validated configuration describes. Outside production a local
 * provider with no secret configured runs on a generated key, so a fresh clone starts;
 * production gets no such allowance and the provider refuses to open.
 */
export function keyProviderSettingsFrom(config: AppConfig): KeyProviderSettings {
  const { encryption, environment } = config;

  switch (encryption.provider) {
    case 'aws-kms':
      return {
        kind: 'aws-kms',
        environment,
        keyId: encryption.awsKms.keyId ?? '',
        region: encryption.awsKms.region ?? '',
        endpoint: encryption.awsKms.endpoint,
      };
    case 'vault-transit':
      return {
        kind: 'vault-transit',
        environment,
        address: encryption.vaultTransit.address ?? '',
        token: encryption.vaultTransit.token ?? '',
        keyName: encryption.vaultTransit.keyName ?? '',
        mount: encryption.vaultTransit.mount,
      };
    case 'local':
      return {
        kind: 'local',
        environment,
        masterKey: encryption.masterKey,
        passphrase: encryption.passphrase,
        allowGeneratedKey: usesGeneratedKey(config),
      };
  }
}

/** True when the local provider will run on a key generated into the database. */
export function usesGeneratedKey(config: AppConfig): boolean {
  const { encryption, environment } = config;

  return (
    encryption.provider === 'local' &&
    environment !== 'production' &&
    encryption.masterKey === undefined &&
    encryption.passphrase === undefined
  );
}
