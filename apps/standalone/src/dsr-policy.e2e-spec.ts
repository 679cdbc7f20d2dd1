import { randomUUID } from 'node:crypto';

import { dsrService } from '@compliance/dsr';
import { waitFor } from '@compliance/testing';
import { Client } from 'pg';
import request from 'supertest';

import { startDistributedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startDistributedPlatform>>;

const DAY_MS = 24 * 60 * 60 * 1000;

const DSR_POLICY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: dsr-deadlines
  frameworks: [GDPR]
spec:
  dsr:
    enforcement: hard
    deadlineDays: 20
    extension:
      allowed: true
      maxDays: 45
    identityVerificationRequired: true
`;

describe('an applied policy drives DSR deadlines (PostgreSQL and NATS)', () => {
  let platform: Platform;
  let admin: string;
  const companyId = randomUUID();

  const api = (method: 'get' | 'post', path: string) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', admin);

  async function settingsRow(): Promise<Record<string, unknown> | undefined> {
    const client = new Client({ connectionString: platform.database.url });
    await client.connect();

    try {
      const { rows } = await client.query(
        'SELECT deadline_days, extension_max_days, enforcement FROM dsr.settings WHERE company_id = $1',
        [companyId],
      );
      return rows[0] as Record<string, unknown> | undefined;
    } finally {
      await client.end();
    }
  }

  const createRequest = (email: string) =>
    api('post', '/dsr-requests/')
      .send({
        type: 'access',
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: 'Ada Lovelace', relation: 'subject' },
        identifiers: [{ kind: 'email', value: email }],
        receivedAt: new Date(Date.now() - DAY_MS).toISOString(),
      })
      .expect(201);

  beforeAll(async () => {
    platform = await startDistributedPlatform({}, [dsrService]);
    admin = await platform.createApiKey(companyId, ['admin']);
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('should shorten the deadline and hold the extension to the applied policy', async () => {
    // Before any policy the law alone counts: one calendar month for GDPR.
    const before = await createRequest('before@example.com');
    const receivedBefore = new Date(before.body.receivedAt);
    expect(new Date(before.body.dueAt).getTime() - receivedBefore.getTime()).toBeGreaterThan(
      27 * DAY_MS,
    );

    const created = await api('post', '/policies/')
      .send({ name: 'dsr-deadlines', document: DSR_POLICY })
      .expect(201);
    await api('post', `/policies/${created.body.id}/apply/`).send({}).expect(200);
    await waitFor(async () => (await settingsRow())?.deadline_days === 20);
    expect(await settingsRow()).toEqual({
      deadline_days: 20,
      extension_max_days: 45,
      enforcement: 'hard',
    });

    // The company's 20 days come before the law's month: received + 20 calendar days (UTC).
    const after = await createRequest('after@example.com');
    const received = new Date(after.body.receivedAt);
    expect(after.body.dueAt).toBe(new Date(received.getTime() + 20 * DAY_MS).toISOString());

    // Two further months would end at receipt + 3 months, some 70 days past the 20-day due
    // date; hard enforcement holds the extension to the policy's 45: due date + 45 days.
    const extended = await api('post', `/dsr-requests/${after.body.id}/extend/`)
      .send({ months: 2, reason: 'many systems hold the subject’s data' })
      .expect(200);
    expect(extended.body.extendedDueAt).toBe(
      new Date(new Date(after.body.dueAt).getTime() + 45 * DAY_MS).toISOString(),
    );

    const audit = await api('get', '/audit/?action=dsr.settings-updated').expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'dsr.settings-updated',
        details: expect.objectContaining({ policyId: created.body.id, deadlineDays: 20 }),
      }),
    ]);
  });
});
