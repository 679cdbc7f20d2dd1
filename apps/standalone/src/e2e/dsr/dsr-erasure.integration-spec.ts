import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  DsrRequestView,
  exportDsrRequest,
  getDsrRequest,
  processDsrRequest,
  rollbackDsrRequest,
} from '@compliance/contracts';
import { DsrExportsService } from '@compliance/dsr';
import { waitFor } from '@compliance/testing';

import { crmRows, phoneOf, seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2025-01-31T10:00:00Z' };

describe('data subject requests over NATS and PostgreSQL with the sample CRM', () => {
  const harness = new DsrHarness();
  const company = randomUUID();
  const otherCompany = randomUUID();

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await harness.announce(otherCompany);
    await waitFor(async () => {
      const rows = await harness.crm.query('SELECT 1 FROM dsr.connectors');
      return rows.length === 2;
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  async function request(type: 'erasure' | 'access', email: string) {
    return harness.send(
      createDsrRequest,
      {
        type,
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: null, relation: 'subject' },
        identifiers: [
          { kind: 'email', value: email, verification: VERIFIED },
          { kind: 'phone', value: phoneOf(email), verification: VERIFIED },
        ],
        purposes: [],
      },
      company,
    );
  }

  async function settled(id: string, companyId = company) {
    let view: DsrRequestView | undefined;
    await waitFor(async () => {
      view = await harness.send(getDsrRequest, { id }, companyId);
      return view.status !== 'in_progress';
    }, 30_000);
    return view!;
  }

  it('should erase related records, prove it, roll back exactly, refuse if shredded', async () => {
    await seedSubject(harness.crm, harness.contacts, company, 'ada@example.com');
    await seedSubject(harness.crm, harness.contacts, otherCompany, 'ada@example.com');
    const before = await crmRows(harness.crm, company);
    const otherBefore = await crmRows(harness.crm, otherCompany);

    const created = await request('erasure', 'ada@example.com');
    await harness.send(processDsrRequest, { id: created.id }, company);
    // A second `process` while the first runs changes nothing.
    await harness.send(processDsrRequest, { id: created.id }, company);
    const erased = await settled(created.id);

    expect(erased.status).toBe('completed');
    expect(erased.tasks.map((t) => [t.action, t.status])).toEqual([
      ['erase', 'done'],
      ['recheck', 'done'],
    ]);
    // 1 contact, 2 leads, 2 deals, 4 notes, 3 activities deleted; 1 invoice kept.
    expect(erased.tasks[0].counts).toEqual({
      contact: 1,
      lead: 2,
      deal: 2,
      note: 4,
      activity: 3,
      invoice: 1,
    });
    const after = await crmRows(harness.crm, company);
    expect(after.contacts).toHaveLength(0);
    expect(after.notes).toHaveLength(0);
    expect(after.invoices).toEqual([
      expect.objectContaining({
        contact_id: null,
        billing_name: expect.stringMatching(/^erased:/),
      }),
    ]);
    expect(await crmRows(harness.crm, otherCompany)).toEqual(otherBefore);

    const certificate = await harness.crm.query(
      `SELECT details FROM audit.audit_entries
       WHERE resource_id = $1 AND action = 'dsr.erasure-certificate'`,
      [created.id],
    );
    expect(certificate[0].details).toMatchObject({ totalErased: 13, sha256: expect.any(String) });

    await harness.send(rollbackDsrRequest, { id: created.id }, company);
    const restored = await settled(created.id);

    expect(restored.status).toBe('rolled_back');
    expect(await crmRows(harness.crm, company)).toEqual(before);

    // Erase again, then let 31 days pass: the snapshot key is destroyed.
    const again = await request('erasure', 'ada@example.com');
    await harness.send(processDsrRequest, { id: again.id }, company);
    expect((await settled(again.id)).status).toBe('completed');

    const shredded = await harness
      .maintenance()
      .shredExpiredSnapshots(new Date(Date.now() + 31 * 86_400_000));
    expect(shredded).toBe(1);
    await waitFor(async () => {
      const rows = await harness.crm.query(
        'SELECT 1 FROM crm.connector_snapshots WHERE request_id = $1',
        [again.id],
      );
      return rows.length === 0;
    });

    await expect(harness.send(rollbackDsrRequest, { id: again.id }, company)).rejects.toMatchObject(
      {
        code: 'conflict',
        message: expect.stringContaining('crypto-shredded'),
      },
    );
  });

  it('should export every record of the subject, none of other subjects or companies', async () => {
    await seedSubject(harness.crm, harness.contacts, company, 'grace@example.com');
    await seedSubject(harness.crm, harness.contacts, company, 'someone-else@example.com');
    await seedSubject(harness.crm, harness.contacts, otherCompany, 'grace@example.com');

    const created = await harness.send(
      createDsrRequest,
      {
        type: 'access',
        jurisdiction: 'ccpa',
        channel: 'email',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: 'grace@example.com', verification: VERIFIED }],
        purposes: [],
      },
      company,
    );
    await harness.send(processDsrRequest, { id: created.id }, company);
    expect((await settled(created.id)).status).toBe('completed');

    const described = await harness.send(
      exportDsrRequest,
      { id: created.id, format: 'json' },
      company,
    );
    // 1 contact + 2 leads + 2 deals + 4 notes + 3 activities + 1 invoice.
    expect(described.manifest.totalRecords).toBe(13);
    expect(described.manifest.sources[0].categories).toEqual(
      expect.arrayContaining(['contact', 'identity', 'free_text']),
    );

    const records: Record<string, Record<string, unknown>[]> = {};
    for await (const part of harness.dsr!.get(DsrExportsService).records(created.id, company)) {
      records[part.entity] = [...(records[part.entity] ?? []), ...part.records];
    }

    const contactId = records.contact[0].id;
    expect(Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]))).toEqual({
      contact: 1,
      lead: 2,
      deal: 2,
      note: 4,
      activity: 3,
      invoice: 1,
    });
    expect(
      Object.values(records)
        .flat()
        .every((row) => row.company_id === company),
    ).toBe(true);
    expect(records.lead.every((lead) => lead.contact_id === contactId)).toBe(true);
  });

  it('should finish an erasure the service stopped mid-way, erasing nothing twice', async () => {
    await seedSubject(harness.crm, harness.contacts, company, 'crash@example.com');
    const created = await request('erasure', 'crash@example.com');
    await harness.send(processDsrRequest, { id: created.id }, company);

    // The service goes down right after dispatching; the connector works on meanwhile.
    await harness.stopDsr();
    await waitFor(async () => {
      const [task] = await harness.crm.query(
        `SELECT status FROM crm.connector_tasks WHERE request_id = $1 AND action = 'erase'`,
        [created.id],
      );
      return task?.status === 'done';
    }, 20_000);
    const [meanwhile] = await harness.crm.query('SELECT status FROM dsr.requests WHERE id = $1', [
      created.id,
    ]);
    expect(meanwhile.status).toBe('in_progress');

    await harness.startDsr();
    const done = await settled(created.id);

    expect(done.status).toBe('completed');
    expect(done.tasks[0].counts).toEqual({
      contact: 1,
      lead: 2,
      deal: 2,
      note: 4,
      activity: 3,
      invoice: 1,
    });
  });
});
