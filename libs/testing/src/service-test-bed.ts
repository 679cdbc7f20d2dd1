import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { AppConfig, loadConfig } from '@compliance/config';
import {
  AnyRequestContract,
  AuthContext,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { NatsMessageBus } from '@compliance/messaging';
import { createServiceApp, openInfrastructure, ServiceDefinition } from '@compliance/platform';

import { createTestDatabase, natsTestIsolation, TEST_NATS_URL, TestDatabase } from './test-servers';

/** One service as production runs it, on a fresh database and NATS subjects of its own. */
export interface ServiceTestBed {
  database: TestDatabase;
  config: AppConfig;
  /** A client of the service's bus, as another service or the gateway would be. */
  client: NatsMessageBus;
  /** A request to the service; an error answer throws as the `ServiceError` it carries. */
  ask<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    auth: AuthContext,
  ): Promise<ResponseOf<C>>;
  close(): Promise<void>;
}

export async function startServiceTestBed(
  definition: ServiceDefinition,
  name: string,
): Promise<ServiceTestBed> {
  const isolation = natsTestIsolation();
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    NATS_URL: TEST_NATS_URL,
    NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
    NATS_STREAM: isolation.stream,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const infrastructure = await openInfrastructure(config, {
    processName: `${name}-test`,
    requireNats: true,
  });
  const app = await createServiceApp(definition, config, infrastructure);
  await app.init();
  const client = await NatsMessageBus.connect({ url: TEST_NATS_URL, name, ...isolation });

  return {
    database,
    config,
    client,
    async ask(contract, payload, auth) {
      const reply = await client.request(contract.subject, { context: auth, payload }, 10_000);

      if (!reply.ok) {
        throw ServiceError.fromBody(reply.error);
      }
      return reply.data as ResponseOf<typeof contract>;
    },
    async close() {
      await client.drain(1000);
      await app.close();
      await infrastructure.close();
      await database.drop();

      const connection = await connect({ servers: TEST_NATS_URL });
      const streams = (await jetstreamManager(connection)).streams;
      await streams.delete(isolation.stream).catch(() => false);
      await connection.close();
    },
  };
}
