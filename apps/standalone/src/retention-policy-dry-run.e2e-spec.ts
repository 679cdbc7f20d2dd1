import { randomUUID } from 'node:crypto';

import { registerRetentionDataMap } from '@compliance/contracts';
import { retentionService } from '@compliance/retention';
import { Client } from 'pg';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';
import { busRequest } from './e2e/retention/bus-request';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const CRM_SQL = `
  CREATE SCHEMA crm_dry;
  CREATE TABLE crm_dry.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    created_at timestamptz NOT NULL);
`;

const DATA_MAP = {
  module: 'crm-dry',
  entities: [
    {
      name: 'contact',
      table: 'crm_dry.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

function contactPolicy(period: string): string {
  return `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: contact-retention
spec:
  retention:
    rules:
      - { id: contacts, entity: contact, period: ${period}, dateField: created_at, method: hard }
`;
}

describe('policy dry-run with the retention service answering (PostgreSQL and NATS)', () => {
  let platform: Platform;
  let admin: string;
  const companyId = randomUUID();

  const api = (method: 'get' | 'post' | 'patch', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);

  async function contacts(): Promise<number> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();

    try {
      const result = await client.query(
        'SELECT count(*)::int AS count FROM crm_dry.contacts WHERE company_id = $1',
        [companyId],
      );
      return result.rows[0].count as number;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    platform = await startDistributedPlatform({}, [retentionService]);
    admin = await platform.createApiKey(companyId, ['admin']);

    const client = new Client({ connectionString: platform.database.url });
    await client.connect();
    try {
      await client.query(CRM_SQL);
      for (const ageDays of [100, 500, 1200]) {
        await client.query(
          `INSERT INTO crm_dry.contacts (id, company_id, email, created_at)
           VALUES ($1, $2, $3, $4)`,
          [randomUUID(), companyId, `${ageDays}@x.test`, new Date(Date.now() - ageDays * DAY_MS)],
        );
      }
    } finally {
      await client.end();
    }

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

  it('should report what shortening a retention period would purge, purging nothing', async () => {
    const created = await api('post', '/policies/')
      .send({ name: 'contact-retention', document: contactPolicy('P3Y') })
      .expect(201);
    const id: string = created.body.id;
    await api('post', `/policies/${id}/apply/`).send({}).expect(200);
    await api('patch', `/policies/${id}/`)
      .send({ document: contactPolicy('P1Y') })
      .expect(200);

    const dryRun = await api('post', `/policies/${id}/dry_run/`).send({}).expect(200);

    const retention = dryRun.body.impact.find(
      (area: { area: string }) => area.area === 'retention',
    );
    // P3Y (1,095 days) reaches the 1,200-day contact; P1Y (365) the 500-day one as well.
    expect(retention).toEqual({
      area: 'retention',
      status: 'answered',
      report: {
        service: 'retention',
        items: [
          { key: 'contact', current: 1, candidate: 2 },
          { key: 'contact:contacts', current: 1, candidate: 2 },
        ],
      },
    });
    expect(dryRun.body.changed).toBe(false);
    expect(await contacts()).toBe(3);
  });
});
