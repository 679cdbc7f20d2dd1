import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AppConfig, loadConfig } from '@compliance/config';
import {
  AnyEventContract,
  AnyRequestContract,
  AuthContext,
  PayloadOf,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { createCrmConnector, crmMigrations, CrmContactsRepository } from '@compliance/crm-sample';
import { createFieldEncryption, cryptoMigrations, FieldEncryption } from '@compliance/crypto';
import { DsrMaintenanceService, dsrService } from '@compliance/dsr';
import { MessageBus, NatsMessageBus } from '@compliance/messaging';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createServiceApp, openInfrastructure } from '@compliance/platform';
import { policyService } from '@compliance/policy';
import { retentionService } from '@compliance/retention';
import {
  createTestDatabase,
  natsTestIsolation,
  TEST_NATS_URL,
  TestDatabase,
} from '@compliance/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { startServiceApp } from '../service-app';

/**
 * The DSR service as its own app on PostgreSQL and NATS, and the sample CRM module as a
 * separate process would run it: its own pool, its own NATS connection, its connector.
 */
export class DsrHarness {
  dsr?: INestApplication;
  crm!: DataSource;
  encryption!: FieldEncryption;
  contacts!: CrmContactsRepository;
  private crmBus!: MessageBus;
  private config!: AppConfig;
  private database!: TestDatabase;
  private stream!: string;
  /** Erasure asks retention whether a legal hold covers the subject before it starts. */
  private retention?: INestApplication;
  /** Exports ask the policy service where the company's data must be kept. */
  private policy?: INestApplication;
  /** The root of the export store (`DSR_EXPORT_DIR`), a folder of the run's own. */
  exportDir!: string;

  /** `overrides` are settings beside the test's own, such as `SMTP_URL`. */
  async start(overrides: Record<string, string> = {}): Promise<void> {
    this.database = await createTestDatabase();
    this.exportDir = await mkdtemp(join(tmpdir(), 'dsr-exports-'));
    const isolation = natsTestIsolation();
    this.stream = isolation.stream;
    this.config = loadConfig({
      DATABASE_URL: this.database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
      NATS_STREAM: isolation.stream,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      OUTBOX_POLL_MS: '100',
      DSR_EXPORT_DIR: this.exportDir,
      ...overrides,
    });

    this.retention = await startServiceApp(retentionService, this.config);
    this.policy = await startServiceApp(policyService, this.config);
    await this.startDsr();

    const endpoint = { kind: 'url' as const, url: this.database.url };
    await runMigrations(endpoint, [cryptoMigrations, crmMigrations]);
    this.crm = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 4,
      applicationName: 'crm',
    });
    this.encryption = await createFieldEncryption(this.crm, {
      kind: 'local',
      environment: 'development',
      allowGeneratedKey: true,
    });
    this.contacts = new CrmContactsRepository(this.crm, this.encryption);
    this.crmBus = await NatsMessageBus.connect({
      url: TEST_NATS_URL,
      name: 'crm-sample',
      subjectPrefix: isolation.subjectPrefix,
      stream: isolation.stream,
    });
    await createCrmConnector(this.crm, this.crmBus, this.encryption, 50).start();
  }

  async startDsr(): Promise<void> {
    const infrastructure = await openInfrastructure(this.config, {
      processName: `dsr-${randomUUID().slice(0, 8)}`,
      requireNats: true,
    });
    this.dsr = await createServiceApp(dsrService, this.config, infrastructure);
    await this.dsr.init();
    const close = this.dsr.close.bind(this.dsr);
    this.dsr.close = async () => {
      await close();
      await infrastructure.close();
    };
  }

  async stopDsr(): Promise<void> {
    await this.dsr?.close();
    this.dsr = undefined;
  }

  maintenance(): DsrMaintenanceService {
    return this.dsr!.get(DsrMaintenanceService);
  }

  async announce(companyId: string): Promise<void> {
    await createCrmConnector(this.crm, this.crmBus, this.encryption).announce(auth(companyId));
  }

  /** A request over NATS, as the gateway sends it. */
  async send<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    companyId: string,
  ): Promise<ResponseOf<C>> {
    const reply = await this.crmBus.request(
      contract.subject,
      { context: auth(companyId), payload },
      10_000,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    return reply.data as ResponseOf<C>;
  }

  /** An event over NATS, as a connector publishes it: the bus checks it against its contract. */
  async publish<C extends AnyEventContract>(
    contract: C,
    payload: PayloadOf<C>,
    companyId: string,
  ): Promise<void> {
    await this.crmBus.publish(contract.subject, {
      messageId: randomUUID(),
      occurredAt: new Date().toISOString(),
      context: auth(companyId),
      payload,
    });
  }

  async close(): Promise<void> {
    await this.stopDsr();
    await this.retention?.close();
    await this.policy?.close();
    await this.crmBus.drain(1000);
    await this.crm.destroy();
    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(this.stream).catch(() => undefined);
    await connection.close();
    await this.database.drop();
    await rm(this.exportDir, { recursive: true, force: true });
  }
}

export function auth(companyId: string): AuthContext {
  return {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'api_key', id: 'dsr-test' },
    scopes: ['admin'],
  };
}
