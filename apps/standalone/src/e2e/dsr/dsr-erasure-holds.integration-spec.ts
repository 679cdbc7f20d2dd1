import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  createLegalHold,
  DsrRequestView,
  getDsrRequest,
  processDsrRequest,
  registerRetentionDataMap,
  releaseLegalHold,
} from '@compliance/contracts';
import { crmDataMap } from '@compliance/crm-sample';
import { waitFor } from '@compliance/testing';

import { crmRows, phoneOf, seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-01-05T10:00:00Z' };

type Row = { id: string } & Record<string, unknown>;

describe('DSR erasure under legal holds on an entity and a filter', () => {
  const harness = new DsrHarness();
  const company = randomUUID();

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await harness.send(registerRetentionDataMap, { dataMap: crmDataMap.map }, company);
    await waitFor(async () => (await harness.crm.query('SELECT 1 FROM dsr.connectors')).length > 0);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function settled(id: string): Promise<DsrRequestView> {
    let view: DsrRequestView | undefined;
    await waitFor(async () => {
      view = await harness.send(getDsrRequest, { id }, company);
      return view.status !== 'in_progress';
    }, 30_000);
    return view!;
  }

  it('should keep exactly the held records, erase the rest and certify a partial erasure', async () => {
    const email = 'held@example.com';
    const contactId = await seedSubject(harness.crm, harness.contacts, company, email);
    const [disputed] = await harness.crm.query<{ id: string; lead_id: string }[]>(
      `SELECT d.id, d.lead_id FROM crm.deals d JOIN crm.leads l ON l.id = d.lead_id
       WHERE l.contact_id = $1 ORDER BY d.id LIMIT 1`,
      [contactId],
    );
    await harness.crm.query(`UPDATE crm.deals SET title = 'Disputed engine' WHERE id = $1`, [
      disputed.id,
    ]);
    const invoiceHold = await harness.send(
      createLegalHold,
      { reason: 'tax audit 2026', scope: 'entity', entity: 'invoice', conditions: [] },
      company,
    );
    const dealHold = await harness.send(
      createLegalHold,
      {
        reason: 'litigation over a disputed deal',
        scope: 'filter',
        entity: 'deal',
        conditions: [{ field: 'title', operator: 'eq', value: 'Disputed engine' }],
      },
      company,
    );
    // A released hold keeps nothing: the activities go.
    const released = await harness.send(
      createLegalHold,
      { reason: 'closed matter', scope: 'entity', entity: 'activity', conditions: [] },
      company,
    );
    await harness.send(releaseLegalHold, { id: released.id }, company);
    const before = await crmRows(harness.crm, company);

    const request = await harness.send(
      createDsrRequest,
      {
        type: 'erasure',
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
    await harness.send(processDsrRequest, { id: request.id }, company);
    const done = await settled(request.id);

    // Kept: the invoice (entity hold); the disputed deal and its 2 notes (filter hold,
    // children follow their parent); the deal's lead and the contact, which held rows
    // point at. Erased: the other lead, its deal and 2 notes, and the 3 activities.
    expect(done.status).toBe('completed');
    expect(done.keptUnderHold).toEqual([
      {
        connector: 'crm-sample',
        entity: 'contact',
        records: 1,
        holdIds: [dealHold.id, invoiceHold.id].sort(),
      },
      { connector: 'crm-sample', entity: 'deal', records: 1, holdIds: [dealHold.id] },
      { connector: 'crm-sample', entity: 'invoice', records: 1, holdIds: [invoiceHold.id] },
      { connector: 'crm-sample', entity: 'lead', records: 1, holdIds: [dealHold.id] },
      { connector: 'crm-sample', entity: 'note', records: 2, holdIds: [dealHold.id] },
    ]);
    expect(done.tasks.find((task) => task.action === 'erase')?.counts).toEqual({
      activity: 3,
      deal: 1,
      lead: 1,
      note: 2,
    });

    const after = await crmRows(harness.crm, company);
    const keptDealNotes = (before.notes as Row[]).filter((note) => note.deal_id === disputed.id);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.invoices).toEqual(before.invoices);
    expect(after.deals).toEqual((before.deals as Row[]).filter((d) => d.id === disputed.id));
    expect(after.leads).toEqual((before.leads as Row[]).filter((l) => l.id === disputed.lead_id));
    expect(after.notes).toEqual(keptDealNotes);
    expect(after.activities).toEqual([]);

    const [certificate] = await harness.crm.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit.audit_entries
       WHERE resource_id = $1 AND action = 'dsr.erasure-certificate'`,
      [request.id],
    );
    // 1 + 1 + 1 + 1 + 2 records kept; 3 activities + 1 deal + 1 lead + 2 notes erased.
    expect(certificate.details).toMatchObject({ outcome: 'partial', totalKept: 6, totalErased: 7 });
    expect(JSON.stringify(certificate.details)).not.toContain(email);
  });
});
