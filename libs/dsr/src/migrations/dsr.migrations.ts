import { MigrationSet } from '@compliance/persistence';

import { CreateDsrSchema1733300001000 } from './1733300001000-create-dsr-schema';
import { CreateDsrRequests1733500000000 } from './1733500000000-create-dsr-requests';
import { SealDsrSubjects1733700000000 } from './1733700000000-seal-dsr-subjects';
import { CreateDsrExportDownloads1733800000000 } from './1733800000000-create-dsr-export-downloads';
import { CreateDsrNoticeMails1734000000000 } from './1734000000000-create-dsr-notice-mails';
import { PlaceDsrExports1734100000000 } from './1734100000000-place-dsr-exports';
import { AddDsrTaskHolds1734200000000 } from './1734200000000-add-dsr-task-holds';
import { DsrSettingsFromPolicies1734300000000 } from './1734300000000-dsr-settings-from-policies';
import { AddDsrInvalidAddressMails1734400000000 } from './1734400000000-add-dsr-invalid-address-mails';

export const DSR_SCHEMA = 'dsr';

export const dsrMigrations: MigrationSet = {
  schema: DSR_SCHEMA,
  migrations: [
    CreateDsrSchema1733300001000,
    CreateDsrRequests1733500000000,
    SealDsrSubjects1733700000000,
    CreateDsrExportDownloads1733800000000,
    CreateDsrNoticeMails1734000000000,
    PlaceDsrExports1734100000000,
    AddDsrTaskHolds1734200000000,
    DsrSettingsFromPolicies1734300000000,
    AddDsrInvalidAddressMails1734400000000,
  ],
};
