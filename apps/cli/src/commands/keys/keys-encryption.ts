import { AppConfig } from '@compliance/config';
import {
  createFieldEncryption,
  FieldEncryption,
  keyProviderSettingsFrom,
} from '@compliance/crypto';
import { DataSource } from 'typeorm';

/** The same keyring and provider the services open, from the same configuration. */
export function openKeysEncryption(
  dataSource: DataSource,
  config: AppConfig,
): Promise<FieldEncryption> {
  return createFieldEncryption(dataSource, keyProviderSettingsFrom(config));
}
