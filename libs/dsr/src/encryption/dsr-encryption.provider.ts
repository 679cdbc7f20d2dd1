import { createFieldEncryption, FieldEncryption } from '@compliance/crypto';
import { dataSourceToken } from '@compliance/platform';
import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const DSR_ENCRYPTION = Symbol('DSR_ENCRYPTION');

/**
 * The one place the service builds its encryption. TODO(key provider config): use the
 * configured key provider once its variables and module land; a generated development
 * key kept in the keyring is the stand-in until then.
 */
export function createDsrEncryption(dataSource: DataSource): Promise<FieldEncryption> {
  return createFieldEncryption(dataSource, {
    kind: 'local',
    environment: 'development',
    allowGeneratedKey: true,
  });
}

export const dsrEncryptionProvider: Provider = {
  provide: DSR_ENCRYPTION,
  inject: [dataSourceToken('dsr')],
  useFactory: createDsrEncryption,
};
