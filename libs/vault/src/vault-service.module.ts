import { provideFieldEncryption } from '@compliance/crypto';
import { ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';

import { SecretAccessController } from './access/secret-access.controller';
import { SecretAccessService } from './access/secret-access.service';
import { SecretLogsService } from './logs/secret-logs.service';
import { VAULT_SCHEMA } from './migrations/vault.migrations';
import { RotationJob } from './schedule/rotation-job.service';
import { RotationScheduler } from './schedule/rotation.scheduler';
import { SecretsController } from './secrets/secrets.controller';
import { SecretsService } from './secrets/secrets.service';
import { systemClock, VAULT_CLOCK, VAULT_SERVICE } from './support/vault.tokens';
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
    RotationJob,
    RotationScheduler,
    SecretAccessService,
    SecretLogsService,
    SecretRotationService,
    SecretsService,
    VersionWriter,
    { provide: VAULT_CLOCK, useValue: systemClock },
  ],
  exports: [RotationJob],
})
export class VaultServiceModule {}
