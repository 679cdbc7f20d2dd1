import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { waitFor } from '@compliance/testing';
import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';
import { plugInCrmModule } from './e2e/retention/crm-module';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const CRM_SQL = `
  CREATE SCHEMA crm_archive;
  CREATE TABLE crm_archive.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    email text, created_at timestamptz NOT NULL)
`;

const DATA_MAP = {
  module: 'crm-archive',
  entities: [
    {
      name: 'contact',
      table: 'crm_archive.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
    },
  ],
};

const POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-archives
  frameworks: [GDPR]
spec:
  residency:
    primaryRegion: eu-west-1
    storagePrefixes:
      eu-west-1: s3://acme-eu-west-1/archives/
  retention:
    rules:
      - id: old-contacts
        entity: contact
        period: P2Y
        dateField: created_at
        method: archive
`;

/** Archives land where the company's residency configuration places them, by policy. */
describe('retention archives at the residency placement (embedded platform)', () => {
  let platform: Platform;
  let key: string;
  const companyId = randomUUID();

  const api = (method: 'get' | 'post', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', key);

  beforeAll(async () => {
    platform = await startEmbeddedPlatform(undefined, { RETENTION_BATCH_PAUSE_MS: '0' });
    key = await platform.createApiKey(companyId, ['admin']);

    // Three contacts three years old, past the two years; one from last week stays.
    await plugInCrmModule(platform, companyId, {
      sql: CRM_SQL,
      dataMap: DATA_MAP,
      fill: async (query) => {
        for (const ageDays of [1100, 1100, 1100, 7]) {
          await query(
            `INSERT INTO crm_archive.contacts (id, company_id, email, created_at)
             VALUES ($1, $2, $3, $4)`,
            [
              randomUUID(),
              companyId,
              `${randomUUID()}@example.com`,
              new Date(Date.now() - ageDays * DAY_MS),
            ],
          );
        }
      },
    });
  });

  afterAll(async () => {
    await platform?.close();
    await removeDataDir(platform?.dataDir);
  });

  it('should archive under the region and prefix of the applied policy, then the company', async () => {
    const created = await api('post', '/policies/')
      .send({ name: 'eu-archives', document: POLICY })
      .expect(201);
    await api('post', `/policies/${created.body.id}/apply/`).send({}).expect(200);

    let policyId: string | undefined;
    await waitFor(async () => {
      const list = await api('get', '/retention-policies/').expect(200);
      policyId = (list.body.items as { id: string; entity: string }[]).find(
        (policy) => policy.entity === 'contact',
      )?.id;
      return policyId !== undefined;
    });

    const run = await api('post', `/retention-policies/${policyId}/execute/`).send({}).expect(202);
    let log: { status: string; archived: number; archiveLocation: string | null } | undefined;
    await waitFor(async () => {
      const logs = await api('get', `/retention-logs/?runId=${run.body.runId}`).expect(200);
      log = logs.body.items[0];
      return log?.status === 'completed';
    });

    // The scheme of the configured prefix is dropped; the region leads, the company ends it.
    const placed = `eu-west-1/acme-eu-west-1/archives/${companyId}`;
    expect(log).toMatchObject({ archived: 3 });
    expect(log?.archiveLocation).toContain(`/archives/${placed}/${policyId}/${run.body.runId}/`);
    const files = await readdir(
      join(platform.dataDir, 'archives', placed, policyId!, run.body.runId),
    );
    expect(files).toHaveLength(1);
  });
});
