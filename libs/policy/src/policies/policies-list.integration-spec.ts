import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '@compliance/config';
import {
  AnyRequestContract,
  AuthContext,
  createPolicy,
  listPolicies,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { NatsMessageBus } from '@compliance/messaging';
import { createServiceApp, Infrastructure, openInfrastructure } from '@compliance/platform';
import {
  buildAuthContext,
  createTestDatabase,
  natsTestIsolation,
  TEST_NATS_URL,
  TestDatabase,
} from '@compliance/testing';
import { INestApplication } from '@nestjs/common';

import { policyService } from '../policy-service.definition';

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: listed, frameworks: [GDPR] }
spec:
  retention: {}
`;

describe('policy list over NATS and PostgreSQL', () => {
  const isolation = natsTestIsolation();
  let database: TestDatabase;
  let infrastructure: Infrastructure;
  let app: INestApplication;
  let client: NatsMessageBus;

  async function ask<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    auth: AuthContext,
  ): Promise<ResponseOf<C>> {
    const reply = await client.request(contract.subject, { context: auth, payload }, 10_000);

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }
    return reply.data as ResponseOf<C>;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
      NATS_STREAM: isolation.stream,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });

    infrastructure = await openInfrastructure(config, {
      processName: 'policies-list-test',
      requireNats: true,
    });
    app = await createServiceApp(policyService, config, infrastructure);
    await app.init();

    client = await NatsMessageBus.connect({
      url: TEST_NATS_URL,
      name: 'policies-list',
      ...isolation,
    });
  });

  afterAll(async () => {
    await client?.drain(1000);
    await app?.close();
    await infrastructure?.close();
    await database?.drop();

    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(isolation.stream).catch(() => false);
    await connection.close();
  });

  it("should page a company's policies newest first, each page with the company's total", async () => {
    const auth = buildAuthContext({ companyId: randomUUID() });
    const other = buildAuthContext({ companyId: randomUUID() });
    const names = ['first', 'second', 'third'];

    for (const name of names) {
      await ask(createPolicy, { name, description: '', document: POLICY }, auth);
    }
    await ask(createPolicy, { name: 'elsewhere', description: '', document: POLICY }, other);

    const page = async (offset: number) => {
      const listed = await ask(listPolicies, { limit: 2, offset }, auth);
      return { names: listed.items.map((item) => item.name), total: listed.total };
    };

    expect(await page(0)).toEqual({ names: ['third', 'second'], total: 3 });
    expect(await page(2)).toEqual({ names: ['first'], total: 3 });
    // A page past the end has no row to count on, and still says how many there are.
    expect(await page(5)).toEqual({ names: [], total: 3 });
    expect((await ask(listPolicies, { limit: 10, offset: 0 }, other)).total).toBe(1);
  });
});
