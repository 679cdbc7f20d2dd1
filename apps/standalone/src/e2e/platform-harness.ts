import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ApiKeyStore } from '@compliance/auth';
import { AppConfig, loadConfig } from '@compliance/config';
import { Scope } from '@compliance/contracts';
import { createGatewayApp } from '@compliance/gateway';
import { MessageBus } from '@compliance/messaging';
import { DatabaseEndpoint, openDataSource } from '@compliance/persistence';
import {
  createServiceApp,
  Infrastructure,
  openInfrastructure,
  ServiceDefinition,
} from '@compliance/platform';
import { policyService } from '@compliance/policy';
import {
  createTestDatabase,
  natsTestIsolation,
  TEST_NATS_URL,
  TestDatabase,
} from '@compliance/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createStandaloneApp } from '../standalone-app';

export interface RunningPlatform {
  /** The HTTP server to point supertest at. */
  http: Parameters<typeof import('supertest')>[0];
  config: AppConfig;
  createApiKey(companyId: string, scopes: Scope[]): Promise<string>;
  close(): Promise<void>;
}

async function keyFactory(infrastructure: Infrastructure) {
  let dataSource: DataSource | undefined;

  return {
    create: async (companyId: string, scopes: Scope[]) => {
      dataSource ??= await openDataSource({
        endpoint: infrastructure.endpoint,
        entities: [],
        poolSize: 1,
        applicationName: 'e2e-keys',
      });
      const created = await new ApiKeyStore(dataSource).create({
        companyId,
        name: 'e2e',
        scopes,
        createdBy: 'e2e',
      });
      return created.key;
    },
    close: async () => dataSource?.destroy(),
  };
}

/** `npm start` as a test sees it: PGlite in a folder, the in-process bus, one Nest app. */
export async function startEmbeddedPlatform(
  dataDir?: string,
  overrides: Record<string, string> = {},
): Promise<RunningPlatform & { dataDir: string; endpoint: DatabaseEndpoint; bus: MessageBus }> {
  const folder = dataDir ?? (await mkdtemp(join(tmpdir(), 'compliance-e2e-')));
  const config = loadConfig({
    DATA_DIR: folder,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...overrides,
  });
  const infrastructure = await openInfrastructure(config, {
    processName: 'e2e-standalone',
    requireNats: false,
  });
  const app = await createStandaloneApp(config, infrastructure);
  await app.init();
  const keys = await keyFactory(infrastructure);

  return {
    http: app.getHttpServer(),
    config,
    dataDir: folder,
    endpoint: infrastructure.endpoint,
    bus: infrastructure.bus,
    createApiKey: keys.create,
    close: async () => {
      await keys.close();
      await app.close();
      await infrastructure.close();
    },
  };
}

/**
 * Production's shape inside one test process: the gateway and the policy service as
 * separate Nest apps with separate NATS connections, on a fresh PostgreSQL database.
 * `services` adds more services, each an app of its own.
 */
export async function startDistributedPlatform(
  overrides: Record<string, string> = {},
  services: ServiceDefinition[] = [],
): Promise<
  RunningPlatform & {
    stopPolicyService(): Promise<void>;
    database: TestDatabase;
    gatewayBus: MessageBus;
  }
> {
  const database = await createTestDatabase();
  const isolation = natsTestIsolation();
  const config = loadConfig({
    DATABASE_URL: database.url,
    NATS_URL: TEST_NATS_URL,
    NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
    NATS_STREAM: isolation.stream,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...overrides,
  });

  const serviceInfrastructure = await openInfrastructure(config, {
    processName: 'e2e-policy',
    requireNats: true,
  });
  let service: INestApplication | undefined = await createServiceApp(
    policyService,
    config,
    serviceInfrastructure,
  );
  await service.init();

  const extras: { app: INestApplication; infrastructure: Infrastructure }[] = [];
  for (const definition of services) {
    const infrastructure = await openInfrastructure(config, {
      processName: `e2e-${definition.name}`,
      requireNats: true,
    });
    const app = await createServiceApp(definition, config, infrastructure);
    await app.init();
    extras.push({ app, infrastructure });
  }

  const gatewayInfrastructure = await openInfrastructure(config, {
    processName: 'e2e-gateway',
    requireNats: true,
  });
  const gateway = await createGatewayApp(config, gatewayInfrastructure);
  await gateway.init();
  const keys = await keyFactory(gatewayInfrastructure);

  const stopPolicyService = async () => {
    await service?.close();
    service = undefined;
  };

  return {
    http: gateway.getHttpServer(),
    config,
    database,
    gatewayBus: gatewayInfrastructure.bus,
    createApiKey: keys.create,
    stopPolicyService,
    close: async () => {
      await keys.close();
      await gateway.close();
      await stopPolicyService();
      for (const extra of extras) {
        await extra.app.close();
        await extra.infrastructure.close();
      }
      await deleteStream(isolation.stream);
      await database.drop();
    },
  };
}

async function deleteStream(stream: string): Promise<void> {
  const connection = await connect({ servers: TEST_NATS_URL });
  const jsm = await jetstreamManager(connection);
  await jsm.streams.delete(stream).catch(() => undefined);
  await connection.close();
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}
