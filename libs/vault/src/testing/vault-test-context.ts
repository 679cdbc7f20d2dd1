import { randomBytes } from 'node:crypto';

import { auditMigrations } from '@compliance/audit';
import { createFieldEncryption, cryptoMigrations, FieldEncryption } from '@compliance/crypto';
import { Mailer, RecordingOnlyMailer } from '@compliance/mail';
import { InProcessMessageBus, OutboxRelay } from '@compliance/messaging';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { SecretAccessService } from '../access/secret-access.service';
import { SecretLogsService } from '../logs/secret-logs.service';
import { vaultMigrations } from '../migrations/vault.migrations';
import { ExpiryNotifier } from '../schedule/expiry-notifier.service';
import { RotationJob } from '../schedule/rotation-job.service';
import { NotifyEmailSealer } from '../secrets/notify-email.sealer';
import { SecretsService } from '../secrets/secrets.service';
import { Clock } from '../support/vault.tokens';
import { SecretRotationService } from '../versions/secret-rotation.service';
import { VersionWriter } from '../versions/version.writer';

export interface VaultTestContext {
  database: TestDatabase;
  dataSource: DataSource;
  encryption: FieldEncryption;
  secrets: SecretsService;
  rotation: SecretRotationService;
  access: SecretAccessService;
  logs: SecretLogsService;
  /** A replica's daily job; its expiry notices go to `mailer`, recorded only by default. */
  job(clock?: Clock, mailer?: Mailer): RotationJob;
  close(): Promise<void>;
}

/** The vault's services wired by hand on a fresh PostgreSQL database, as the module does. */
export async function openVaultTestContext(): Promise<VaultTestContext> {
  const database = await createTestDatabase();
  const endpoint = { kind: 'url' as const, url: database.url };

  await runMigrations(endpoint, [auditMigrations, cryptoMigrations, vaultMigrations]);
  const dataSource = await openDataSource({
    endpoint,
    entities: [],
    poolSize: 8,
    applicationName: 'vault-spec',
  });
  const encryption = await createFieldEncryption(dataSource, {
    kind: 'local',
    environment: 'test',
    masterKey: randomBytes(32).toString('base64'),
  });
  const outbox = new OutboxRelay(dataSource, 'vault', new InProcessMessageBus(), 60_000);
  const versions = new VersionWriter(encryption);
  const notifyEmails = new NotifyEmailSealer(encryption);
  const secrets = new SecretsService(dataSource, versions, notifyEmails);
  const rotation = new SecretRotationService(dataSource, outbox, secrets, versions);

  return {
    database,
    dataSource,
    encryption,
    secrets,
    rotation,
    access: new SecretAccessService(dataSource, versions),
    logs: new SecretLogsService(dataSource),
    job: (clock = { now: () => new Date() }, mailer = new RecordingOnlyMailer()) =>
      new RotationJob(
        dataSource,
        outbox,
        clock,
        rotation,
        new ExpiryNotifier(dataSource, mailer, notifyEmails),
      ),
    close: async () => {
      await outbox.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
