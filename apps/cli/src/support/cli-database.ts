import { auditMigrations } from '@compliance/audit';
import { authMigrations } from '@compliance/auth';
import { AppConfig, APP_CONFIG } from '@compliance/config';
import { crmMigrations } from '@compliance/crm-sample';
import { cryptoMigrations } from '@compliance/crypto';
import { accessReviewMigrations } from '@compliance/access-review';
import { dsrMigrations } from '@compliance/dsr';
import {
  DatabaseEndpoint,
  MigrationSet,
  openDataSource,
  openEmbeddedDatabase,
  runMigrations,
} from '@compliance/persistence';
import { policyMigrations } from '@compliance/policy';
import { retentionMigrations } from '@compliance/retention';
import { vaultMigrations } from '@compliance/vault';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Every schema the platform owns, in the order they are created. */
export const ALL_MIGRATIONS: MigrationSet[] = [
  auditMigrations,
  authMigrations,
  cryptoMigrations,
  accessReviewMigrations,
  dsrMigrations,
  crmMigrations,
  policyMigrations,
  retentionMigrations,
  vaultMigrations,
];

/**
 * The database the CLI works on: DATABASE_URL when set, else the embedded one in
 * DATA_DIR. A running `npm start` serves that folder, and the CLI joins it through its
 * socket; otherwise the CLI serves the folder itself for the length of the command.
 */
@Injectable()
export class CliDatabase implements OnApplicationShutdown {
  private dataSource: DataSource | undefined;
  private closeEmbedded: (() => Promise<void>) | undefined;
  private opened: Promise<DatabaseEndpoint> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Serves the embedded folder once per command, however many connections ask for it. */
  endpoint(): Promise<DatabaseEndpoint> {
    this.opened ??= this.openEndpoint();
    return this.opened;
  }

  /** A pool on a database whose schemas are up to date. */
  async open(): Promise<DataSource> {
    if (!this.dataSource) {
      const endpoint = await this.endpoint();
      await runMigrations(endpoint, ALL_MIGRATIONS);
      this.dataSource = await openDataSource({
        endpoint,
        entities: [],
        poolSize: 2,
        applicationName: 'compliance-cli',
      });
    }

    return this.dataSource;
  }

  private async openEndpoint(): Promise<DatabaseEndpoint> {
    if (this.config.database.url) {
      return { kind: 'url', url: this.config.database.url };
    }

    const embedded = await openEmbeddedDatabase(this.config.database.dataDir);
    this.closeEmbedded = () => embedded.close();
    return embedded.endpoint;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dataSource?.destroy();
    await this.closeEmbedded?.();
  }
}
