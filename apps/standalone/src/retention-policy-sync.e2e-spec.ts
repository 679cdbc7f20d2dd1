import { randomUUID } from 'node:crypto';

import {
  dsrRequestCompleted,
  dsrRestrictionChanged,
  dsrTaskRequested,
  policyApplied,
  registerRetentionDataMap,
} from '@compliance/contracts';
import { retentionService } from '@compliance/retention';
import { waitFor } from '@compliance/testing';
import { Client } from 'pg';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';
import { busPublish, busRequest } from './e2e/retention/bus-request';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const CRM_SQL = `
  CREATE SCHEMA crm_sync;
  CREATE TABLE crm_sync.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    status text NOT NULL, created_at timestamptz NOT NULL);
`;

const DATA_MAP = {
  module: 'crm-sync',
  entities: [
    {
      name: 'contact',
      table: 'crm_sync.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

function policyDocument(rules: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: retention-rules
spec:
  retention:
    rules:
${rules}`;
}

const CLOSED_CONTACTS_P1Y = `      - id: closed-contacts
        entity: contact
        period: P1Y
        dateField: created_at
        method: hard
        conditions:
          - { field: status, operator: in, value: [closed, lost] }
          - { field: email, operator: exists }
      - entity: lead
        period: P6M
        dateField: created_at
        method: hard
`;

const CLOSED_CONTACTS_P2Y = `      - id: closed-contacts
        entity: contact
        period: P2Y
        dateField: created_at
        method: archive
`;

const OTHER_RULE = `      - id: stale-contacts
        entity: contact
        period: P10Y
        dateField: created_at
        method: hard
`;

interface PolicyRow {
  id: string;
  name: string;
  period_days: number;
  method: string;
  conditions: unknown;
  active: boolean;
  version: number;
  source_policy_id: string;
  source_rule_id: string;
}

describe('retention follows applied policies and DSR restrictions (PostgreSQL and NATS)', () => {
  let platform: Platform;
  let admin: string;
  const companyId = randomUUID();
  const blockCompany = randomUUID();
  let blockAdmin: string;

  const api = (method: 'get' | 'post' | 'patch', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);
  const blockApi = (method: 'get' | 'post', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', blockAdmin);

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();

    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  const sourced = () =>
    query<PolicyRow>(
      `SELECT id, name, period_days, method, conditions, active, version, source_policy_id,
         source_rule_id FROM retention.policies
       WHERE company_id = $1 AND source_rule_id IS NOT NULL ORDER BY source_rule_id`,
      [companyId],
    );

  const syncAudits = async () =>
    (
      await query(
        `SELECT 1 FROM audit.audit_entries
         WHERE company_id = $1 AND action = 'retention.policy.synced'`,
        [companyId],
      )
    ).length;

  beforeAll(async () => {
    platform = await startDistributedPlatform({ RETENTION_BATCH_PAUSE_MS: '0' }, [
      retentionService,
    ]);
    admin = await platform.createApiKey(companyId, ['admin']);
    blockAdmin = await platform.createApiKey(blockCompany, ['admin']);
    await query(CRM_SQL);
    await busRequest(
      platform.gatewayBus,
      registerRetentionDataMap,
      { dataMap: DATA_MAP },
      companyId,
    );
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('should create, update and deactivate retention policies as policies apply', async () => {
    const created = await api('post', '/policies/')
      .send({ name: 'retention-rules', document: policyDocument(CLOSED_CONTACTS_P1Y) })
      .expect(201);
    const policyId: string = created.body.id;
    await api('post', `/policies/${policyId}/apply/`).send({}).expect(200);

    await waitFor(async () => (await sourced()).length === 1);
    const [first] = await sourced();

    // P1Y is 365 days; the rule on leads has no data map, so it creates nothing.
    expect(first).toMatchObject({
      name: 'retention-rules: closed-contacts',
      period_days: 365,
      method: 'hard',
      conditions: [
        { field: 'status', operator: 'in', value: ['closed', 'lost'] },
        { field: 'email', operator: 'is_not_null' },
      ],
      active: true,
      version: 1,
      source_policy_id: policyId,
    });
    const view = await api('get', `/retention-policies/${first.id}/`).expect(200);
    expect(view.body.sourcePolicyId).toBe(policyId);

    await api('patch', `/policies/${policyId}/`)
      .send({ document: policyDocument(CLOSED_CONTACTS_P2Y) })
      .expect(200);
    await api('post', `/policies/${policyId}/apply/`).send({}).expect(200);

    // P2Y is 2 × 365 = 730 days.
    await waitFor(async () => (await sourced())[0]?.version === 2);
    expect((await sourced())[0]).toMatchObject({
      id: first.id,
      period_days: 730,
      method: 'archive',
      conditions: [],
      active: true,
    });

    await api('patch', `/policies/${policyId}/`)
      .send({ document: policyDocument(OTHER_RULE) })
      .expect(200);
    await api('post', `/policies/${policyId}/apply/`).send({}).expect(200);

    await waitFor(async () => (await sourced()).length === 2);
    const rows = await sourced();
    expect(rows.map((row) => [row.source_rule_id, row.active, row.period_days])).toEqual([
      ['closed-contacts', false, 730],
      ['stale-contacts', true, 3650],
    ]);
    expect(await syncAudits()).toBe(3);
  });

  it('should handle a redelivered applied event once', async () => {
    const before = await syncAudits();
    const messageId = randomUUID();
    const [policy] = await sourced();
    const event = {
      companyId,
      policyId: policy.source_policy_id,
      version: 3,
      previousVersion: 2,
      reason: 'apply' as const,
    };

    await busPublish(platform.gatewayBus, policyApplied, event, companyId, messageId);
    await busPublish(platform.gatewayBus, policyApplied, event, companyId, messageId);

    await waitFor(async () => (await syncAudits()) === before + 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await syncAudits()).toBe(before + 1);
  });

  it('should spare restricted and requested subjects until their block ends', async () => {
    // A company of its own: the rules the applied policies left would keep its records.
    const old = new Date(Date.now() - 400 * DAY_MS);
    for (const email of ['restricted@x.test', 'asking@x.test', 'plain@x.test']) {
      await query(
        `INSERT INTO crm_sync.contacts (id, company_id, email, status, created_at)
         VALUES ($1, $2, $3, 'closed', $4)`,
        [randomUUID(), blockCompany, email, old],
      );
    }
    const restriction = randomUUID();
    const erasure = randomUUID();
    const restricted = {
      requestId: restriction,
      kind: 'restriction' as const,
      identifiers: [{ kind: 'email' as const, value: 'restricted@x.test' }],
      purposes: [],
      active: true,
    };
    const messageId = randomUUID();

    await busPublish(
      platform.gatewayBus,
      dsrRestrictionChanged,
      restricted,
      blockCompany,
      messageId,
    );
    await busPublish(
      platform.gatewayBus,
      dsrRestrictionChanged,
      restricted,
      blockCompany,
      messageId,
    );
    await busPublish(
      platform.gatewayBus,
      dsrTaskRequested,
      {
        taskId: randomUUID(),
        requestId: erasure,
        connector: 'crm-sync',
        action: 'export',
        identifiers: [{ kind: 'email', value: 'asking@x.test' }],
        purposes: [],
        attempt: 1,
      },
      blockCompany,
    );
    await waitFor(async () => {
      const open = await query(
        'SELECT 1 FROM retention.subject_blocks WHERE company_id = $1 AND closed_at IS NULL',
        [blockCompany],
      );
      return open.length === 2;
    });

    const policy = await blockApi('post', '/retention-policies/')
      .send({
        name: 'closed',
        entity: 'contact',
        periodDays: 365,
        dateField: 'created_at',
        method: 'hard',
      })
      .expect(201);
    const emails = async () =>
      (
        await query<{ email: string }>(
          'SELECT email FROM crm_sync.contacts WHERE company_id = $1 ORDER BY email',
          [blockCompany],
        )
      ).map((row) => row.email);
    const run = async () => {
      const started = await blockApi('post', `/retention-policies/${policy.body.id}/execute/`)
        .send({})
        .expect(202);
      await waitFor(async () => {
        const logs = await blockApi('get', `/retention-logs/?runId=${started.body.runId}`).expect(
          200,
        );
        return logs.body.items[0]?.status === 'completed';
      });
    };

    await run();
    expect(await emails()).toEqual(['asking@x.test', 'restricted@x.test']);

    await busPublish(
      platform.gatewayBus,
      dsrRestrictionChanged,
      { ...restricted, active: false },
      blockCompany,
    );
    await busPublish(
      platform.gatewayBus,
      dsrRequestCompleted,
      { requestId: erasure, type: 'access', status: 'completed' },
      blockCompany,
    );
    await waitFor(async () => {
      const open = await query(
        'SELECT 1 FROM retention.subject_blocks WHERE company_id = $1 AND closed_at IS NULL',
        [blockCompany],
      );
      return open.length === 0;
    });

    await run();
    expect(await emails()).toEqual([]);
  });
});
