import { MigrationSet } from '@compliance/persistence';

import { CreateVaultSchema1733300002000 } from './1733300002000-create-vault-schema';
import { CreateVaultTables1733500002100 } from './1733500002100-create-vault-tables';
import { AddSecretNotifyEmail1733800002200 } from './1733800002200-add-secret-notify-email';

export const VAULT_SCHEMA = 'vault';

export const vaultMigrations: MigrationSet = {
  schema: VAULT_SCHEMA,
  migrations: [
    CreateVaultSchema1733300002000,
    CreateVaultTables1733500002100,
    AddSecretNotifyEmail1733800002200,
  ],
};
