import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createLogger } from '@compliance/logging';
import { dataSourceToken } from '@compliance/platform';
import { Inject, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createFieldEncryption } from '../encryption/create-field-encryption';
import { FieldEncryption } from '../encryption/field-encryption';
import { keyProviderSettingsFrom, usesGeneratedKey } from './key-provider-settings.from-config';

/** Each service encrypts through its own pool; the token carries the service name. */
export function fieldEncryptionToken(service: string): string {
  return `FieldEncryption:${service}`;
}

export function InjectFieldEncryption(service: string): ParameterDecorator {
  return Inject(fieldEncryptionToken(service));
}

/** Drops the unwrapped keys when the app closes, so they do not outlive their use. */
class FieldEncryptionLifecycle implements OnApplicationShutdown {
  constructor(private readonly encryption: FieldEncryption) {}

  onApplicationShutdown(): void {
    this.encryption.forgetKeys();
  }
}

/**
 * Field encryption for one service, on the pool its `ServiceDatabaseModule` opened and the
 * configured key provider: list these in the service module's providers, and
 * `cryptoMigrations` in its migrations. A missing or weak key stops the start-up.
 */
export function provideFieldEncryption(service: string): Provider[] {
  const token = fieldEncryptionToken(service);

  return [
    {
      provide: token,
      inject: [dataSourceToken(service), APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        openFieldEncryption(dataSource, config),
    },
    {
      provide: `FieldEncryptionLifecycle:${service}`,
      inject: [token],
      useFactory: (encryption: FieldEncryption) => new FieldEncryptionLifecycle(encryption),
    },
  ];
}

async function openFieldEncryption(
  dataSource: DataSource,
  config: AppConfig,
): Promise<FieldEncryption> {
  if (usesGeneratedKey(config)) {
    // Loud on purpose: values sealed now are readable by anyone who can read the database.
    createLogger('FieldEncryption').warn(
      { environment: config.environment },
      'ENCRYPTION_MASTER_KEY is not set: a generated development key kept in the database ' +
        'is in use; never run production on it',
    );
  }

  return createFieldEncryption(dataSource, keyProviderSettingsFrom(config));
}
