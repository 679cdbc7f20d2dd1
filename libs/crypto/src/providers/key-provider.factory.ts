import { KMSClient } from '@aws-sdk/client-kms';
import { DataSource } from 'typeorm';

import { KeyConfigurationError } from '../errors/key-configuration.error';
import { AwsKmsKeyProvider } from './aws-kms/aws-kms-key.provider';
import { KeyProvider } from './key-provider';
import {
  AwsKmsKeyProviderSettings,
  KeyProviderSettings,
  VaultTransitKeyProviderSettings,
} from './key-provider.settings';
import { KeyStretcher } from './local/key-stretcher';
import { openLocalKeyProvider } from './local/open-local-key-provider';
import { VaultTransitKeyProvider } from './vault/vault-transit-key.provider';
import { VaultTransitClient } from './vault/vault-transit.client';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface KeyProviderDependencies {
  /** The keyring's database; the local provider keeps its salt and KEK versions there. */
  dataSource: DataSource;
  /** Tests count derivations through their own; the process-wide one by default. */
  stretcher?: KeyStretcher;
}

/**
 * The configured key provider, ready to wrap. Refuses to start, naming the setting, when
 * the configuration would run on a missing, weak or default key.
 */
export async function createKeyProvider(
  settings: KeyProviderSettings,
  dependencies: KeyProviderDependencies,
): Promise<KeyProvider> {
  switch (settings.kind) {
    case 'local':
      return openLocalKeyProvider(settings, dependencies.dataSource, dependencies.stretcher);
    case 'aws-kms':
      return openAwsKmsProvider(settings);
    case 'vault-transit':
      return openVaultTransitProvider(settings);
    default:
      throw new KeyConfigurationError('kind', 'unknown key provider');
  }
}

async function openAwsKmsProvider(settings: AwsKmsKeyProviderSettings): Promise<KeyProvider> {
  requireText('aws-kms.keyId', settings.keyId);
  requireText('aws-kms.region', settings.region);

  if (settings.endpoint !== undefined) {
    requireUrl('aws-kms.endpoint', settings.endpoint, settings.environment === 'production');
  }

  if (settings.credentials) {
    requireText('aws-kms.credentials.accessKeyId', settings.credentials.accessKeyId);
    requireText('aws-kms.credentials.secretAccessKey', settings.credentials.secretAccessKey);
  }

  const client = new KMSClient({
    region: settings.region,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
  });

  return new AwsKmsKeyProvider(client, settings.keyId);
}

async function openVaultTransitProvider(
  settings: VaultTransitKeyProviderSettings,
): Promise<KeyProvider> {
  requireUrl('vault-transit.address', settings.address, settings.environment === 'production');
  requireText('vault-transit.token', settings.token);
  requireText('vault-transit.keyName', settings.keyName);

  const mount = (settings.mount ?? 'transit').replace(/^\/+|\/+$/g, '');
  requireText('vault-transit.mount', mount);

  const client = new VaultTransitClient({
    address: settings.address,
    token: settings.token,
    mount,
    keyName: settings.keyName,
    namespace: settings.namespace,
    timeoutMs: settings.timeoutMs ?? 5_000,
  });
  const version = await client.latestVersion();

  return new VaultTransitKeyProvider(
    client,
    { mount, keyName: settings.keyName },
    version,
    settings.derived ?? false,
  );
}

function requireText(setting: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new KeyConfigurationError(setting, 'missing');
  }
}

/** Key material in clear over the network only to a local agent or proxy, in production. */
function requireUrl(setting: string, value: unknown, production: boolean): void {
  requireText(setting, value);

  let url: URL;

  try {
    url = new URL(value as string);
  } catch {
    throw new KeyConfigurationError(setting, 'not a URL');
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KeyConfigurationError(setting, 'not an http or https URL');
  }

  if (production && url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new KeyConfigurationError(setting, 'must use https in production');
  }
}
