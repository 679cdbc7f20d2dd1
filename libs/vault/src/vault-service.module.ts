import { AppConfig, APP_CONFIG } from '@compliance/config';
import { provideFieldEncryption } from '@compliance/crypto';
import { createMailer, Mailer } from '@compliance/mail';
import { ServiceDatabaseModule } from '@compliance/platform';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';

import { SecretAccessController } from './access/secret-access.controller';
import { SecretAccessService } from './access/secret-access.service';
import { SecretLogsService } from './logs/secret-logs.service';
import { VAULT_SCHEMA } from './migrations/vault.migrations';
import { ExpiryNotifier } from './schedule/expiry-notifier.service';
import { RotationJob } from './schedule/rotation-job.service';
import { RotationScheduler } from './schedule/rotation.scheduler';
import { NotifyEmailSealer } from './secrets/notify-email.sealer';
import { SecretsController } from './secrets/secrets.controller';
import { SecretsService } from './secrets/secrets.service';
import { systemClock, VAULT_CLOCK, VAULT_MAILER, VAULT_SERVICE } from './support/vault.tokens';
import { SecretRotationService } from './versions/secret-rotation.service';
import { VersionWriter } from './versions/version.writer';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: VAULT_SERVICE,
      schema: VAULT_SCHEMA,
      entities: [],
    }),
  ],
  controllers: [SecretAccessController, SecretsController],
  providers: [
    ...provideFieldEncryption(VAULT_SERVICE),
    ExpiryNotifier,
    NotifyEmailSealer,
    RotationJob,
    RotationScheduler,
    SecretAccessService,
    SecretLogsService,
    SecretRotationService,
    SecretsService,
    VersionWriter,
    { provide: VAULT_CLOCK, useValue: systemClock },
    {
      provide: VAULT_MAILER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createMailer(config.mail.smtpUrl, config.mail.from, 'secret expiry notices'),
    },
  ],
  exports: [RotationJob],
})
export class VaultServiceModule implements OnApplicationShutdown {
  constructor(@Inject(VAULT_MAILER) private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
