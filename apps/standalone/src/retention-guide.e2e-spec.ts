import { randomUUID } from 'node:crypto';

import { recordDocExample, waitFor } from '@compliance/testing';

import { docExchange } from './e2e/doc-exchange';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';
import { plugInCrmModule } from './e2e/retention/crm-module';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const CRM_SQL = `
  CREATE SCHEMA crm_guide;
  CREATE TABLE crm_guide.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text,
    status text NOT NULL, created_at timestamptz NOT NULL)
`;

const DATA_MAP = {
  module: 'crm-contacts',
  entities: [
    {
      name: 'contact',
      table: 'crm_guide.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

/** The exchanges docs/retention.md shows, run for real and recorded for the guide. */
describe('retention guide examples', () => {
  let platform: Platform;
  let headers: Record<string, string>;
  let policyId: string;
  let previewId: string;
  let runId: string;
  const companyId = randomUUID();

  beforeAll(async () => {
    platform = await startEmbeddedPlatform(undefined, { RETENTION_BATCH_PAUSE_MS: '0' });
    headers = { 'X-API-Key': await platform.createApiKey(companyId, ['admin']) };

    // Six closed contacts three years old, one of them under a hold below; one still active.
    const rows: [string, string, number][] = [
      ...[1, 2, 3, 4, 5].map((n): [string, string, number] => [
        `c${n}@example.com`,
        'closed',
        1100,
      ]),
      ['ada@example.com', 'closed', 1100],
      ['bob@example.com', 'active', 1100],
    ];
    await plugInCrmModule(platform, companyId, {
      sql: CRM_SQL,
      dataMap: DATA_MAP,
      fill: async (query) => {
        for (const [email, status, ageDays] of rows) {
          await query(
            `INSERT INTO crm_guide.contacts (id, company_id, email, status, created_at)
             VALUES ($1, $2, $3, $4, $5)`,
            [randomUUID(), companyId, email, status, new Date(Date.now() - ageDays * DAY_MS)],
          );
        }
      },
    });
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should record a legal hold on a subject', async () => {
    const example = await docExchange(platform, 'post', '/api/compliance/legal-holds/', {
      headers,
      body: {
        reason: 'litigation 2026-041',
        scope: 'subject',
        subject: { kind: 'email', value: 'ada@example.com' },
      },
    });

    expect(example.response.status).toBe(201);
    recordDocExample('retention-legal-hold-create', example);
  });

  it('should record the creation of a policy', async () => {
    const example = await docExchange(platform, 'post', '/api/compliance/retention-policies/', {
      headers,
      body: {
        name: 'closed contacts after 2 years',
        entity: 'contact',
        periodDays: 730,
        dateField: 'created_at',
        method: 'hard',
        conditions: [{ field: 'status', operator: 'in', value: ['closed', 'lost'] }],
      },
    });

    expect(example.response.status).toBe(201);
    policyId = (example.response.body as { id: string }).id;
    recordDocExample('retention-policy-create', example);
  });

  it('should record a preview that counts the held contact as skipped', async () => {
    const example = await docExchange(
      platform,
      'post',
      `/api/compliance/retention-policies/${policyId}/execute/`,
      { headers, body: { preview: true } },
    );

    expect(example.response.body).toMatchObject({
      kind: 'preview',
      entities: [{ entity: 'contact', matched: 6, skipped: 1, affected: 5 }],
    });
    previewId = (example.response.body as { previewId: string }).previewId;
    recordDocExample('retention-preview', example);
  });

  it('should record a run bound to the preview', async () => {
    const example = await docExchange(
      platform,
      'post',
      `/api/compliance/retention-policies/${policyId}/execute/`,
      { headers, body: { previewId, maxGrowthPercent: 5 } },
    );

    expect(example.response.status).toBe(202);
    runId = (example.response.body as { runId: string }).runId;
    recordDocExample('retention-run', example);
  });

  it('should record the run log', async () => {
    const path = `/api/compliance/retention-logs/?runId=${runId}`;
    let example = await docExchange(platform, 'get', path, { headers });

    await waitFor(async () => {
      example = await docExchange(platform, 'get', path, { headers });
      const [log] = (example.response.body as { items: { status: string }[] }).items;
      return log?.status === 'completed';
    });

    expect(example.response.body).toMatchObject({
      items: [{ matched: 6, deleted: 5, skipped: 1, errors: 0 }],
    });
    recordDocExample('retention-logs', example);
  });

  it('should record holds on an entity and on a filter', async () => {
    const entity = await docExchange(platform, 'post', '/api/compliance/legal-holds/', {
      headers,
      body: { reason: 'tax audit', scope: 'entity', entity: 'contact' },
    });
    const filter = await docExchange(platform, 'post', '/api/compliance/legal-holds/', {
      headers,
      body: {
        reason: 'key accounts',
        scope: 'filter',
        entity: 'contact',
        conditions: [{ field: 'status', operator: 'eq', value: 'vip' }],
      },
    });

    expect([entity.response.status, filter.response.status]).toEqual([201, 201]);
    recordDocExample('retention-legal-hold-entity', entity);
    recordDocExample('retention-legal-hold-filter', filter);
  });
});
