import { DataSource } from 'typeorm';

import { createKeyProvider } from '../providers/key-provider.factory';
import { KeyProviderSettings } from '../providers/key-provider.settings';
import { KeyStretcher } from '../providers/local/key-stretcher';
import { FieldEncryption } from './field-encryption';
import { FieldEncryptionOptions } from './field-encryption.options';

/**
 * The facade on the keyring in `dataSource`, with the provider the settings describe: what a
 * service (or a benchmark) calls once at start-up. Refuses to start on a missing or weak key.
 */
export async function createFieldEncryption(
  dataSource: DataSource,
  settings: KeyProviderSettings,
  options: FieldEncryptionOptions & { stretcher?: KeyStretcher } = {},
): Promise<FieldEncryption> {
  const provider = await createKeyProvider(settings, { dataSource, stretcher: options.stretcher });

  return new FieldEncryption(dataSource, provider, options);
}
