import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  dsrRequestExtended,
  DsrRequestView,
  dsrRestrictionChanged,
  exportDsrRequest,
  extendDsrRequest,
  getDsrRequest,
  liftDsrRequest,
  processDsrRequest,
  RequestOf,
  updateDsrRequest,
  verifyDsrRequest,
} from '@compliance/contracts';
import { DsrExportsService } from '@compliance/dsr';
import { waitFor } from '@compliance/testing';

import { phoneOf, seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2025-01-31T10:00:00Z' };

describe('data subject rights beyond erasure, with the sample CRM over NATS and PostgreSQL', () => {
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

  function create(overrides: Partial<RequestOf<typeof createDsrRequest>>) {
    return harness.send(
      createDsrRequest,
      {
        type: 'access',
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: null, relation: 'subject' },
        identifiers: [],
        purposes: [],
        ...overrides,
      },
      company,
    );
  }

  async function settled(id: string) {
    let view: DsrRequestView | undefined;
    await waitFor(async () => {
      view = await harness.send(getDsrRequest, { id }, company);
      return view.status !== 'in_progress';
    }, 30_000);
    return view!;
  }

  async function auditOf(id: string) {
    return harness.crm.query<{ action: string; details: Record<string, unknown> }[]>(
      'SELECT action, details FROM audit.audit_entries WHERE resource_id = $1 ORDER BY sequence',
      [id],
    );
  }

  async function outboxOf(id: string, subject: string) {
    const rows = await harness.crm.query<{ envelope: { payload: Record<string, unknown> } }[]>(
      `SELECT envelope FROM dsr.outbox WHERE subject = $1 AND envelope->'payload'->>'requestId' = $2
       ORDER BY created_at`,
      [subject, id],
    );
    return rows.map((row) => row.envelope.payload);
  }

  it('should refuse to process an unverified identifier, then proceed once verified', async () => {
    const email = 'unverified@example.com';
    await seedSubject(harness.crm, harness.contacts, company, email);
    const created = await create({
      identifiers: [
        { kind: 'email', value: email, verification: VERIFIED },
        { kind: 'phone', value: phoneOf(email) },
      ],
    });

    expect(created.status).toBe('received');
    await expect(
      harness.send(processDsrRequest, { id: created.id }, company),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: [{ path: 'identifiers.1', message: 'not verified' }],
    });

    const verified = await harness.send(
      verifyDsrRequest,
      {
        id: created.id,
        verifications: [{ index: 1, method: 'sms_code', verifiedAt: VERIFIED.verifiedAt }],
      },
      company,
    );

    expect(verified.status).toBe('verified');
    expect(verified.identifiers.map((i) => i.verification?.method)).toEqual([
      'email_link',
      'sms_code',
    ]);
    await harness.send(processDsrRequest, { id: created.id }, company);
    expect((await settled(created.id)).status).toBe('completed');
    expect((await auditOf(created.id)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['dsr.received', 'dsr.verified', 'dsr.processing', 'dsr.completed']),
    );
  });

  it('should export contacts readable, never as stored ciphertext', async () => {
    const email = 'readable@example.com';
    await seedSubject(harness.crm, harness.contacts, company, email);
    const created = await create({
      identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
    });
    await harness.send(processDsrRequest, { id: created.id }, company);
    expect((await settled(created.id)).status).toBe('completed');
    await harness.send(exportDsrRequest, { id: created.id, format: 'json' }, company);

    const contacts: Record<string, unknown>[] = [];
    for await (const part of harness.dsr!.get(DsrExportsService).records(created.id, company)) {
      contacts.push(...(part.entity === 'contact' ? part.records : []));
    }

    expect(contacts).toEqual([
      expect.objectContaining({ email, phone: phoneOf(email), name: 'Ada Lovelace' }),
    ]);
    expect(Object.keys(contacts[0])).not.toEqual(expect.arrayContaining(['email_encrypted']));
    expect(Object.keys(contacts[0]).filter((key) => key.endsWith('_index'))).toEqual([]);
  });

  it('should flag a second open request for the same subject and type as a duplicate', async () => {
    const first = await create({
      type: 'erasure',
      identifiers: [{ kind: 'email', value: 'twice@example.com' }],
    });
    const second = await create({
      type: 'erasure',
      identifiers: [
        { kind: 'phone', value: '+44 20 7946 0000' },
        { kind: 'email', value: ' TWICE@example.com ' },
      ],
    });
    const otherType = await create({
      type: 'access',
      identifiers: [{ kind: 'email', value: 'twice@example.com' }],
    });

    expect(first.duplicateOf).toBeNull();
    expect(second.duplicateOf).toBe(first.id);
    expect(otherType.duplicateOf).toBeNull();
  });

  it('should keep identifiers and changes sealed in the database', async () => {
    const created = await create({
      type: 'rectification',
      identifiers: [{ kind: 'email', value: 'sealed-subject@example.com' }],
      changes: { name_encrypted: 'Sealed Newname' },
    });

    const [row] = await harness.crm.query(
      'SELECT to_jsonb(r)::text AS row FROM dsr.requests r WHERE id = $1',
      [created.id],
    );

    expect(row.row).not.toContain('sealed-subject@example.com');
    expect(row.row).not.toContain('Sealed Newname');
    expect(created.identifiers[0].maskedValue).toBe('s***m');
  });

  it('should correct the requester, and reject only with a reason', async () => {
    const created = await create({ identifiers: [{ kind: 'email', value: 'patch@example.com' }] });

    const renamed = await harness.send(
      updateDsrRequest,
      { id: created.id, requesterName: 'Agent Smith' },
      company,
    );
    expect(renamed.requester.name).toBe('Agent Smith');

    await expect(
      harness.send(updateDsrRequest, { id: created.id, status: 'rejected' }, company),
    ).rejects.toMatchObject({ code: 'bad_request' });

    const rejected = await harness.send(
      updateDsrRequest,
      { id: created.id, status: 'rejected', reason: 'identity could not be confirmed' },
      company,
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.failureReason).toBe('identity could not be confirmed');
    await expect(
      harness.send(processDsrRequest, { id: created.id }, company),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('should extend a GDPR deadline once, with reason, in month one, and notify', async () => {
    const receivedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const created = await create({
      identifiers: [{ kind: 'email', value: 'extend@example.com' }],
      receivedAt,
    });

    const extended = await harness.send(
      extendDsrRequest,
      { id: created.id, months: 2, reason: 'many systems hold the subject’s data' },
      company,
    );

    // Due one month after receipt; the extension adds two more: three calendar months from
    // receipt, on the same day of the month or that month's last day when it is shorter
    // (29 November is due 28 February, never 1 March).
    const received = new Date(receivedAt);
    const lastDay = new Date(
      Date.UTC(received.getUTCFullYear(), received.getUTCMonth() + 4, 0),
    ).getUTCDate();
    const expected = new Date(
      Date.UTC(
        received.getUTCFullYear(),
        received.getUTCMonth() + 3,
        Math.min(received.getUTCDate(), lastDay),
      ),
    );
    expect(extended.extendedDueAt?.slice(0, 10)).toBe(expected.toISOString().slice(0, 10));
    expect(extended.extensionReason).toBe('many systems hold the subject’s data');
    expect(await outboxOf(created.id, dsrRequestExtended.subject)).toEqual([
      { requestId: created.id, dueAt: extended.extendedDueAt, reason: extended.extensionReason },
    ]);

    await expect(
      harness.send(extendDsrRequest, { id: created.id, reason: 'again' }, company),
    ).rejects.toMatchObject({ code: 'conflict' });

    const late = await create({
      identifiers: [{ kind: 'email', value: 'late@example.com' }],
      receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    await expect(
      harness.send(extendDsrRequest, { id: late.id, reason: 'too late' }, company),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('should rectify encrypted fields and audit which field changed, not its value', async () => {
    const email = 'rectify@example.com';
    const contactId = await seedSubject(harness.crm, harness.contacts, company, email);
    const created = await create({
      type: 'rectification',
      identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
      changes: { email_encrypted: 'rectified@example.com', name_encrypted: 'Ada King' },
    });

    await harness.send(processDsrRequest, { id: created.id }, company);
    expect((await settled(created.id)).status).toBe('completed');

    const [row] = await harness.crm.query(
      'SELECT email_encrypted, email_index, name_encrypted FROM crm.contacts WHERE id = $1',
      [contactId],
    );
    const bind = (field: string) => ({
      companyId: company,
      entity: 'crm.contacts',
      field,
      recordId: contactId,
      subjectId: contactId,
    });

    expect(row.email_encrypted).not.toContain('rectified');
    expect(await harness.encryption.decrypt(row.email_encrypted, bind('email'))).toBe(
      'rectified@example.com',
    );
    expect(await harness.encryption.decrypt(row.name_encrypted, bind('name'))).toBe('Ada King');
    expect(row.email_index).toBe(
      await harness.encryption.blindIndex('email', 'rectified@example.com', company),
    );
    expect(await harness.contacts.findIdByEmail(company, 'rectified@example.com')).toBe(contactId);

    const audit = await auditOf(created.id);
    const rectified = audit.find((entry) => entry.action === 'dsr.rectified');
    expect(rectified?.details).toEqual({
      fields: ['email_encrypted', 'name_encrypted'],
      records: { 'crm-sample': { contact: 1 } },
    });
    const trail = JSON.stringify(audit);
    expect(trail).not.toContain('rectified@example.com');
    expect(trail).not.toContain(email);
    expect(trail).not.toContain('Ada');
  });

  it.each(['restriction', 'objection'] as const)(
    'should broadcast a %s, mark the records in the module, and lift it',
    async (type) => {
      const email = `${type}@example.com`;
      await seedSubject(harness.crm, harness.contacts, company, email);
      const created = await create({
        type,
        identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
        purposes: type === 'objection' ? ['marketing'] : [],
      });

      await harness.send(processDsrRequest, { id: created.id }, company);
      expect((await settled(created.id)).status).toBe('completed');

      const marks = await harness.crm.query<{ entity: string; purpose: string; kind: string }[]>(
        `SELECT DISTINCT entity, purpose, kind FROM crm.connector_restrictions
         WHERE request_id = $1`,
        [created.id],
      );
      expect(marks).toContainEqual({
        entity: 'contact',
        purpose: type === 'objection' ? 'marketing' : 'all',
        kind: type,
      });

      const lifted = await harness.send(liftDsrRequest, { id: created.id }, company);
      expect(lifted.status).toBe('in_progress');
      expect((await settled(created.id)).status).toBe('completed');

      expect(
        await harness.crm.query('SELECT 1 FROM crm.connector_restrictions WHERE request_id = $1', [
          created.id,
        ]),
      ).toEqual([]);
      expect(
        (await outboxOf(created.id, dsrRestrictionChanged.subject)).map((p) => [
          p.kind,
          p.active,
          p.identifiers,
        ]),
      ).toEqual([
        [type, true, [{ kind: 'email', value: email }]],
        [type, false, [{ kind: 'email', value: email }]],
      ]);
      await expect(harness.send(liftDsrRequest, { id: created.id }, company)).rejects.toMatchObject(
        { code: 'conflict' },
      );
    },
  );
});
