import { randomUUID } from 'node:crypto';

import { createDsrRequest, getDsrRequest, processDsrRequest } from '@compliance/contracts';
import { waitFor } from '@compliance/testing';

import { seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-01-05T10:00:00Z' };

describe('DsrMaintenanceService on its schedule', () => {
  const harness = new DsrHarness();
  const company = randomUUID();

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await waitFor(async () => (await harness.crm.query('SELECT 1 FROM dsr.connectors')).length > 0);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function create(email: string, receivedAt?: string) {
    return harness.send(
      createDsrRequest,
      {
        type: 'erasure',
        jurisdiction: 'gdpr',
        channel: 'email',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
        purposes: [],
        ...(receivedAt ? { receivedAt } : {}),
      },
      company,
    );
  }

  async function noticesOf(requestId: string): Promise<string[]> {
    const rows = await harness.crm.query<{ notice: string }[]>(
      `SELECT envelope -> 'payload' ->> 'notice' AS notice FROM dsr.outbox
       WHERE subject LIKE '%deadline%' AND envelope -> 'payload' ->> 'requestId' = $1
       ORDER BY created_at`,
      [requestId],
    );
    return rows.map((row) => row.notice);
  }

  it('should raise the 7, 3 and 1 day notices and the overdue one, once each', async () => {
    // GDPR: received 5 January, due one calendar month later, on 5 February.
    const request = await create('notice@example.com', '2026-01-05T10:00:00Z');
    const days = ['01-29', '01-30', '02-02', '02-04', '02-06', '02-07'];
    const maintenance = harness.maintenance();

    for (const day of days) {
      const at = new Date(`2026-${day}T09:00:00Z`);
      expect(await maintenance.checkDeadlines(at)).toMatchObject({ ran: true });
      // A second replica ticking the same morning finds the day's run claimed.
      expect(await maintenance.checkDeadlines(at)).toEqual({ ran: false, notices: 0, mailed: 0 });
    }

    // 29 Jan is 7 days before, 2 Feb 3 days, 4 Feb 1 day; 6 and 7 Feb are past due.
    expect(await noticesOf(request.id)).toEqual([
      'due_in_7_days',
      'due_in_3_days',
      'due_in_1_day',
      'overdue',
    ]);
    const audit = await harness.crm.query(
      `SELECT 1 FROM audit.audit_entries WHERE action = 'dsr.deadline-notice' AND resource_id = $1`,
      [request.id],
    );
    expect(audit).toHaveLength(4);
  });

  it('should send a silent connector its task again each hour, then fail it by name', async () => {
    await seedSubject(harness.crm, harness.contacts, company, 'stalled@example.com');
    await harness.crm.query(
      `INSERT INTO dsr.connectors (company_id, connector, entities, categories)
       VALUES ($1, 'silent-module', '["thing"]', '["contact"]')`,
      [company],
    );
    const request = await create('stalled@example.com');
    await harness.send(processDsrRequest, { id: request.id }, company);
    await waitFor(async () => {
      const view = await harness.send(getDsrRequest, { id: request.id }, company);
      return view.tasks.some((t) => t.connector === 'crm-sample' && t.status === 'done');
    }, 30_000);
    const maintenance = harness.maintenance();
    const start = Date.now();

    const sweeps = [];
    for (let hour = 1; hour <= 5; hour += 1) {
      const at = new Date(start + hour * 3_600_000);
      sweeps.push(await maintenance.retryStalledOnce(at));
      // The same hour again: another replica's tick, which does nothing.
      expect(await maintenance.retryStalledOnce(at)).toEqual({ ran: false, retried: 0 });
    }

    // Attempts 2 to 5 are sends again; the fifth sweep finds 5 attempts and gives up.
    expect(sweeps.map((sweep) => sweep.retried)).toEqual([1, 1, 1, 1, 1]);
    const view = await harness.send(getDsrRequest, { id: request.id }, company);
    const silent = view.tasks.find((t) => t.connector === 'silent-module');
    expect(silent).toMatchObject({ status: 'failed' });
    expect(view.status).toBe('failed');
  });
});
