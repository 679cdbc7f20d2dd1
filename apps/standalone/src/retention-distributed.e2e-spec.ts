import { randomUUID } from 'node:crypto';

import {
  AnyRequestContract,
  checkLegalHold,
  registerRetentionDataMap,
  RequestOf,
  ResponseOf,
  ServiceError,
} from '@compliance/contracts';
import { retentionService } from '@compliance/retention';
import { buildAuthContext, waitFor } from '@compliance/testing';
import { Client } from 'pg';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const CRM_SQL = `
  CREATE SCHEMA crm_e2e;
  CREATE TABLE crm_e2e.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    created_at timestamptz NOT NULL);
`;

const DATA_MAP = {
  module: 'crm-e2e',
  entities: [
    {
      name: 'contact',
      table: 'crm_e2e.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

describe('retention through the gateway (PostgreSQL and NATS)', () => {
  let platform: Platform;
  let admin: string;
  let otherAdmin: string;
  const companyId = randomUUID();
  const otherCompanyId = randomUUID();

  const api = (method: 'get' | 'post' | 'delete', path: string, key = admin) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', key);

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();

    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** What a CRM module or the DSR service sends: a request straight on the bus. */
  async function send<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    company = companyId,
  ): Promise<ResponseOf<C>> {
    const reply = await platform.gatewayBus.request(
      contract.subject,
      { context: buildAuthContext({ companyId: company, scopes: ['admin'] }), payload },
      10_000,
    );

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    return reply.data as ResponseOf<C>;
  }

  async function seed(company: string, emails: string[], ageDays: number): Promise<void> {
    for (const email of emails) {
      await query(
        'INSERT INTO crm_e2e.contacts (id, company_id, email, created_at) VALUES ($1, $2, $3, $4)',
        [randomUUID(), company, email, new Date(Date.now() - ageDays * DAY_MS)],
      );
    }
  }

  async function emailsOf(company: string): Promise<string[]> {
    const rows = await query<{ email: string }>(
      'SELECT email FROM crm_e2e.contacts WHERE company_id = $1 ORDER BY email',
      [company],
    );
    return rows.map((row) => row.email);
  }

  beforeAll(async () => {
    platform = await startDistributedPlatform({ RETENTION_BATCH_PAUSE_MS: '0' }, [
      retentionService,
    ]);
    admin = await platform.createApiKey(companyId, ['admin']);
    otherAdmin = await platform.createApiKey(otherCompanyId, ['admin']);
    await query(CRM_SQL);
    await send(registerRetentionDataMap, { dataMap: DATA_MAP });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('should preview, run, log and audit a purge that spares a held subject', async () => {
    // Four contacts are 400 days old, past a 365-day period; one is 10 days old.
    await seed(companyId, ['a@x.test', 'b@x.test', 'c@x.test', 'held@x.test'], 400);
    await seed(companyId, ['young@x.test'], 10);
    await seed(otherCompanyId, ['other@x.test'], 400);

    const hold = await api('post', '/legal-holds/')
      .send({
        reason: 'litigation',
        scope: 'subject',
        subject: { kind: 'email', value: 'held@x.test' },
      })
      .expect(201);
    const policy = await api('post', '/retention-policies/')
      .send({
        name: 'old contacts',
        entity: 'contact',
        periodDays: 365,
        dateField: 'created_at',
        method: 'hard',
      })
      .expect(201);

    const preview = await api('post', `/retention-policies/${policy.body.id}/execute/`)
      .send({ preview: true })
      .expect(202);

    expect(preview.body.entities).toEqual([
      expect.objectContaining({ entity: 'contact', matched: 4, skipped: 1, affected: 3 }),
    ]);
    expect(await emailsOf(companyId)).toHaveLength(5);

    const run = await api('post', `/retention-policies/${policy.body.id}/execute/`)
      .send({ previewId: preview.body.previewId, maxGrowthPercent: 0 })
      .expect(202);
    expect(run.body).toMatchObject({ kind: 'run', policyId: policy.body.id });

    let logs: request.Response | undefined;
    await waitFor(async () => {
      logs = await api('get', `/retention-logs/?runId=${run.body.runId}`).expect(200);
      return logs.body.items[0]?.status === 'completed';
    }, 20_000);

    expect(logs!.body.items).toEqual([
      expect.objectContaining({ entity: 'contact', matched: 4, deleted: 3, skipped: 1, errors: 0 }),
    ]);
    expect(await emailsOf(companyId)).toEqual(['held@x.test', 'young@x.test']);
    expect(await emailsOf(otherCompanyId)).toEqual(['other@x.test']);

    const audit = await query<{ action: string }>(
      'SELECT DISTINCT action FROM audit.audit_entries WHERE company_id = $1 ORDER BY action',
      [companyId],
    );
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'retention.legal-hold.created',
        'retention.policy.created',
        'retention.records.purged',
        'retention.run.completed',
        'retention.run.started',
      ]),
    );

    await api('delete', `/legal-holds/${hold.body.id}/`).expect(200);
  });

  it('should answer 404 for another company policy, hold and run', async () => {
    const policy = await api('post', '/retention-policies/')
      .send({
        name: 'mine',
        entity: 'contact',
        periodDays: 30,
        dateField: 'created_at',
        method: 'soft',
        softDeleteColumn: 'email',
      })
      .expect(201);
    const hold = await api('post', '/legal-holds/')
      .send({ reason: 'audit', scope: 'entity', entity: 'contact' })
      .expect(201);

    await api('get', `/retention-policies/${policy.body.id}/`, otherAdmin).expect(404);
    await api('post', `/retention-policies/${policy.body.id}/execute/`, otherAdmin)
      .send({ preview: true })
      .expect(404);
    await api('delete', `/retention-policies/${policy.body.id}/`, otherAdmin).expect(404);
    await api('get', `/legal-holds/${hold.body.id}/`, otherAdmin).expect(404);
    await api('delete', `/legal-holds/${hold.body.id}/`, otherAdmin).expect(404);

    const otherLogs = await api('get', '/retention-logs/', otherAdmin).expect(200);
    expect(otherLogs.body.total).toBe(0);

    await api('delete', `/legal-holds/${hold.body.id}/`).expect(200);
  });

  it('should answer the hold check over NATS for the asking company only', async () => {
    await api('post', '/legal-holds/')
      .send({ reason: 'claim', scope: 'subject', subject: { kind: 'email', value: 'kept@x.test' } })
      .expect(201);

    const held = await send(checkLegalHold, { subject: { kind: 'email', value: 'kept@x.test' } });
    const free = await send(checkLegalHold, { subject: { kind: 'email', value: 'free@x.test' } });
    const elsewhere = await send(
      checkLegalHold,
      { subject: { kind: 'email', value: 'kept@x.test' } },
      otherCompanyId,
    );

    expect(held).toMatchObject({ held: true, holdIds: [expect.any(String)] });
    expect(free).toEqual({ held: false, holdIds: [], heldRecordIds: [] });
    expect(elsewhere).toEqual({ held: false, holdIds: [], heldRecordIds: [] });
  });
});
