import { randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '@compliance/config';
import {
  AnyRequestContract,
  applyPolicy,
  AuthContext,
  checkTransfer,
  createPolicy,
  RequestOf,
  resolveResidencyPlacement,
  ResponseOf,
  saveResidency,
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

/** EU data in Ireland and Frankfurt; health data in Zurich alone, financial also in Virginia. */
const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata: { name: health-apart, frameworks: [GDPR, HIPAA] }
spec:
  enforcement: hard
  residency:
    primaryRegion: eu-west-1
    replicationRegions: [eu-central-1]
    storagePrefixes: { eu-west-1: s3://crm-eu/, us-east-1: s3://crm-us/ }
    categories:
      health: { primaryRegion: eu-central-2, storagePrefix: s3://crm-health/ }
      financial: { primaryRegion: eu-west-1, replicationRegions: [us-east-1] }
`;

describe('per-category residency over NATS and PostgreSQL', () => {
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

  async function companyWithPolicy(): Promise<AuthContext> {
    const auth = buildAuthContext({ companyId: randomUUID() });
    const created = await ask(
      createPolicy,
      { name: 'health apart', description: '', document: POLICY },
      auth,
    );

    await ask(applyPolicy, { id: created.id }, auth);
    return auth;
  }

  const transfer = (auth: AuthContext, category: string, toRegion: string) =>
    ask(checkTransfer, { category, fromRegion: 'eu-west-1', toRegion }, auth);

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
      processName: 'residency-categories-test',
      requireNats: true,
    });
    app = await createServiceApp(policyService, config, infrastructure);
    await app.init();

    client = await NatsMessageBus.connect({ url: TEST_NATS_URL, name: 'residency', ...isolation });
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

  it('should place a category of the applied policy apart, and the rest as before', async () => {
    const auth = await companyWithPolicy();

    await expect(ask(resolveResidencyPlacement, { category: 'health' }, auth)).resolves.toEqual({
      region: 'eu-central-2',
      prefix: 's3://crm-health/',
    });
    await expect(ask(resolveResidencyPlacement, { category: 'contact' }, auth)).resolves.toEqual({
      region: 'eu-west-1',
      prefix: 's3://crm-eu/',
    });
  });

  it("should check a category's transfers against its own regions only", async () => {
    const auth = await companyWithPolicy();

    // Frankfurt takes contacts but not health data; Virginia takes financial data only.
    expect(await transfer(auth, 'contact', 'eu-central-1')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'health', 'eu-central-1')).toMatchObject({
      allowed: false,
      decision: 'deny',
      reason: 'health data may not leave eu-central-2 for eu-central-1',
    });
    expect(await transfer(auth, 'health', 'eu-central-2')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'financial', 'us-east-1')).toMatchObject({ allowed: true });
    expect(await transfer(auth, 'contact', 'us-east-1')).toMatchObject({ allowed: false });
  });

  it('should drop the placements of categories when a configuration is saved by hand', async () => {
    const auth = await companyWithPolicy();

    await ask(
      saveResidency,
      {
        primaryRegion: 'eu-west-1',
        replicationRegions: [],
        storagePrefixes: {},
        frameworks: ['GDPR'],
        enforcement: 'hard',
        blockCrossRegionTransfers: true,
      },
      auth,
    );

    await expect(ask(resolveResidencyPlacement, { category: 'health' }, auth)).resolves.toEqual({
      region: 'eu-west-1',
      prefix: null,
    });
  });
});
