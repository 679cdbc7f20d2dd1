import { AppConfig, APP_CONFIG } from '@compliance/config';
import { DynamicModule, Module } from '@nestjs/common';

import { AccessReviewCommand } from './commands/access-review/access-review.command';
import { AccessReviewRunCommand } from './commands/access-review/access-review-run.command';
import { ApiKeyCommand } from './commands/api-key.command';
import { ApiKeyCreateCommand } from './commands/api-key-create.command';
import { AuditCommand } from './commands/audit.command';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { MigrateCommand } from './commands/migrate.command';
import { CliDatabase } from './support/cli-database';

@Module({})
export class CliModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        AccessReviewCommand,
        AccessReviewRunCommand,
        ApiKeyCommand,
        ApiKeyCreateCommand,
        AuditCommand,
        AuditVerifyCommand,
        CliDatabase,
        MigrateCommand,
      ],
    };
  }
}
