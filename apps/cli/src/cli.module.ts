import { AppConfig, APP_CONFIG } from '@compliance/config';
import { DynamicModule, Module } from '@nestjs/common';

import { AccessReviewCommand } from './commands/access-review/access-review.command';
import { AccessReviewRunCommand } from './commands/access-review/access-review-run.command';
import { ApiKeyCommand } from './commands/api-key.command';
import { ApiKeyCreateCommand } from './commands/api-key-create.command';
import { AuditCommand } from './commands/audit.command';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { CrmSampleCommand } from './commands/crm-sample/crm-sample.command';
import { CrmSampleSeedCommand } from './commands/crm-sample/crm-sample-seed.command';
import { DsrCommand } from './commands/dsr/dsr.command';
import { DsrCheckDeadlinesCommand } from './commands/dsr/dsr-check-deadlines.command';
import { KeysCommand } from './commands/keys/keys.command';
import { KeysReencryptCommand } from './commands/keys/keys-reencrypt.command';
import { KeysRetireCommand } from './commands/keys/keys-retire.command';
import { KeysRotateCommand } from './commands/keys/keys-rotate.command';
import { MigrateCommand } from './commands/migrate.command';
import { PolicyCommand } from './commands/policy/policy.command';
import { PolicyApplyCommand } from './commands/policy/policy-apply.command';
import { PolicyOperatorSession } from './commands/policy/policy-operator.session';
import { PolicyPruneTransferChecksCommand } from './commands/policy/policy-prune-transfer-checks.command';
import { PolicyRollbackCommand } from './commands/policy/policy-rollback.command';
import { PolicyTestCommand } from './commands/policy/policy-test.command';
import { PolicyValidateCommand } from './commands/policy/policy-validate.command';
import { RetentionCommand } from './commands/retention/retention.command';
import { RetentionExecuteCommand } from './commands/retention/retention-execute.command';
import { SecretsCommand } from './commands/secrets/secrets.command';
import { SecretsRotateDueCommand } from './commands/secrets/secrets-rotate-due.command';
import { CliDatabase } from './support/cli-database';
import { ServiceContextRunner } from './support/service-context';

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
        CrmSampleCommand,
        CrmSampleSeedCommand,
        DsrCheckDeadlinesCommand,
        DsrCommand,
        KeysCommand,
        KeysReencryptCommand,
        KeysRetireCommand,
        KeysRotateCommand,
        MigrateCommand,
        PolicyApplyCommand,
        PolicyCommand,
        PolicyOperatorSession,
        PolicyPruneTransferChecksCommand,
        PolicyRollbackCommand,
        PolicyTestCommand,
        PolicyValidateCommand,
        RetentionCommand,
        RetentionExecuteCommand,
        SecretsCommand,
        SecretsRotateDueCommand,
        ServiceContextRunner,
      ],
    };
  }
}
