import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  extendDsrRequest,
  getDsrContact,
  getDsrRequest,
  setDsrContact,
} from '@compliance/contracts';
import { fieldEncryptionToken, FieldEncryption } from '@compliance/crypto';
import { configureLogging } from '@compliance/logging';
import { SmtpInbox, startSmtpInbox } from '@compliance/testing';

import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-01-05T10:00:00Z' };
const CONTACT = 'privacy-team@example.com';

describe('DsrNoticeMailer over SMTP', () => {
  const harness = new DsrHarness();
  const company = randomUUID();
  let inbox: SmtpInbox;
  let refusing = false;

  beforeAll(async () => {
    inbox = await startSmtpInbox({ refuse: () => refusing });
    await harness.start({ SMTP_URL: inbox.url });
  });

  afterAll(async () => {
    await harness.close();
    await inbox.close();
  });

  async function create(email: string, receivedAt: string, companyId = company) {
    return harness.send(
      createDsrRequest,
      {
        type: 'erasure',
        jurisdiction: 'gdpr',
        channel: 'email',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
        purposes: [],
        receivedAt,
      },
      companyId,
    );
  }

  async function eventsOf(requestId: string): Promise<string[]> {
    const rows = await harness.crm.query<{ notice: string }[]>(
      `SELECT envelope -> 'payload' ->> 'notice' AS notice FROM dsr.outbox
       WHERE subject LIKE '%deadline%' AND envelope -> 'payload' ->> 'requestId' = $1
       ORDER BY created_at`,
      [requestId],
    );
    return rows.map((row) => row.notice);
  }

  it('should keep the contact address sealed and show it masked', async () => {
    const set = await harness.send(setDsrContact, { email: CONTACT }, company);
    const read = await harness.send(getDsrContact, {}, company);
    const [stored] = await harness.crm.query<{ row: string }[]>(
      'SELECT to_jsonb(c)::text AS row FROM dsr.notice_contacts c WHERE company_id = $1',
      [company],
    );

    expect(set.maskedEmail).toBe('p***m');
    expect(read).toEqual(set);
    expect(stored.row).not.toContain(CONTACT);
    expect(await harness.send(getDsrContact, {}, randomUUID())).toEqual({
      maskedEmail: null,
      updatedAt: null,
    });
  });

  it('should mail the 7, 3 and 1 day and overdue notices once each, retrying a failure', async () => {
    await harness.send(setDsrContact, { email: CONTACT }, company);
    const subjectEmail = 'deadline-subject@example.com';
    // GDPR: received 5 January, due one calendar month later, on 5 February.
    const request = await create(subjectEmail, '2026-01-05T10:00:00Z');
    const maintenance = harness.maintenance();
    const mailsOf = () => inbox.mails.filter((mail) => mail.subject.includes(request.id));

    // 29 Jan is 7 days before: the SMTP server refuses that morning, the event still goes.
    refusing = true;
    expect(await maintenance.checkDeadlines(new Date('2026-01-29T09:00:00Z'))).toMatchObject({
      ran: true,
      notices: 1,
      mailed: 0,
    });
    refusing = false;
    expect(await eventsOf(request.id)).toEqual(['due_in_7_days']);
    expect(mailsOf()).toHaveLength(0);

    // Each later morning runs twice: a second replica finds the day's run claimed.
    for (const day of ['01-30', '02-02', '02-04', '02-06', '02-07']) {
      const at = new Date(`2026-${day}T09:00:00Z`);
      expect(await maintenance.checkDeadlines(at)).toMatchObject({ ran: true });
      expect(await maintenance.checkDeadlines(at)).toEqual({ ran: false, notices: 0, mailed: 0 });
    }

    // 30 Jan retries the refused 7-day mail; 2 Feb is 3 days before, 4 Feb 1 day; 6 Feb is
    // past due, and 7 Feb raises nothing new.
    const mails = mailsOf();
    expect(mails.map((mail) => mail.subject)).toEqual([
      `Data subject request ${request.id} is due in 7 days`,
      `Data subject request ${request.id} is due in 3 days`,
      `Data subject request ${request.id} is due in 1 day`,
      `Data subject request ${request.id} is overdue`,
    ]);
    expect(mails.every((mail) => mail.to.join() === CONTACT)).toBe(true);
    expect(mails.every((mail) => mail.text.includes('2026-02-05'))).toBe(true);
    expect(mails.some((mail) => mail.text.includes(subjectEmail))).toBe(false);
    expect(await eventsOf(request.id)).toEqual([
      'due_in_7_days',
      'due_in_3_days',
      'due_in_1_day',
      'overdue',
    ]);

    const audit = await harness.crm.query<{ details: { notice: string; mail: string } }[]>(
      `SELECT details FROM audit.audit_entries
       WHERE action = 'dsr.deadline-notice-mail' AND resource_id = $1 ORDER BY sequence`,
      [request.id],
    );
    expect(audit.map((entry) => `${entry.details.notice}:${entry.details.mail}`)).toEqual([
      'due_in_7_days:failed',
      'due_in_7_days:sent',
      'due_in_3_days:sent',
      'due_in_1_day:sent',
      'overdue:sent',
    ]);
    expect(JSON.stringify(audit)).not.toContain(CONTACT);
  });

  it('should mail the subject the extension with its reason, and record that it went', async () => {
    const subjectEmail = 'extended-subject@example.com';
    const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const request = await create(subjectEmail, receivedAt);
    const reason = 'the subject’s records are spread over several systems';

    const extended = await harness.send(
      extendDsrRequest,
      { id: request.id, months: 2, reason },
      company,
    );

    const mails = inbox.mails.filter((mail) => mail.to.includes(subjectEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(request.id);
    expect(mails[0].text).toContain(reason);
    expect(mails[0].text).toContain(extended.extendedDueAt!.slice(0, 10));
    expect(extended.extensionNotifiedAt).not.toBeNull();

    const audit = await harness.crm.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit.audit_entries
       WHERE action = 'dsr.extension-notice' AND resource_id = $1`,
      [request.id],
    );
    expect(audit.map((entry) => entry.details)).toEqual([
      { notice: 'extension', mail: 'sent', attempt: 1 },
    ]);

    // The daily run finds nothing left to send to the subject: the extension went once.
    await harness.maintenance().checkDeadlines(new Date('2031-01-01T09:00:00Z'));
    expect(inbox.mails.filter((mail) => mail.to.includes(subjectEmail))).toHaveLength(1);
  });

  it('should retry a refused extension mail on the next daily run', async () => {
    const subjectEmail = 'retried-subject@example.com';
    const request = await create(subjectEmail, new Date().toISOString());

    refusing = true;
    const extended = await harness.send(
      extendDsrRequest,
      { id: request.id, reason: 'a module is being migrated' },
      company,
    );
    refusing = false;
    expect(extended.extensionNotifiedAt).toBeNull();

    await harness.maintenance().checkDeadlines(new Date('2031-01-02T09:00:00Z'));

    const view = await harness.send(getDsrRequest, { id: request.id }, company);
    expect(view.extensionNotifiedAt).not.toBeNull();
    expect(inbox.mails.filter((mail) => mail.to.includes(subjectEmail))).toHaveLength(1);
  });

  /**
   * A request recorded before intake checked email identifiers: its one identifier sealed
   * as the service seals it, holding a value intake now refuses.
   */
  async function createRecordedBeforeCheck(value: string) {
    const request = await create('placeholder@example.com', new Date().toISOString());
    const encryption = harness.dsr!.get<string, FieldEncryption>(fieldEncryptionToken('dsr'));
    const sealed = await encryption.encrypt(value, {
      companyId: company,
      entity: 'dsr.requests',
      field: 'identifiers.0',
      recordId: request.id,
    });

    await harness.crm.query(
      `UPDATE dsr.requests SET identifiers = jsonb_set(identifiers, '{0,sealed}', to_jsonb($2::text))
       WHERE id = $1`,
      [request.id, sealed],
    );
    return request;
  }

  it('should not mail an extension to an email identifier that is not one address', async () => {
    const values = [
      'listed-a@example.com, listed-b@example.com',
      'injected-a@example.com\r\nBcc: injected-b@example.com',
    ];
    const reached = () =>
      inbox.mails.filter((mail) => mail.to.some((to) => /^(listed|injected)-/.test(to)));

    for (const value of values) {
      const request = await createRecordedBeforeCheck(value);

      const extended = await harness.send(
        extendDsrRequest,
        { id: request.id, reason: 'the records are spread over several systems' },
        company,
      );

      // The extension stands; its mail is recorded as one that cannot be sent.
      expect(extended.extendedDueAt).not.toBeNull();
      expect(extended.extensionNotifiedAt).toBeNull();
      expect(await mailStatusOf(request.id)).toBe('invalid_address');
      const audit = await harness.crm.query<{ details: Record<string, unknown> }[]>(
        `SELECT details FROM audit.audit_entries
         WHERE action = 'dsr.extension-notice' AND resource_id = $1`,
        [request.id],
      );
      expect(audit.map((entry) => entry.details)).toEqual([
        { notice: 'extension', mail: 'invalid_address', attempt: 1 },
      ]);
      expect(JSON.stringify(audit)).not.toContain('example.com');
    }

    // Nor does the daily run try it again.
    await harness.maintenance().checkDeadlines(new Date('2031-01-03T09:00:00Z'));
    expect(reached()).toEqual([]);
  });

  it('should answer the committed extension when its mail fails in the database', async () => {
    const subjectEmail = 'unclaimed-subject@example.com';
    const request = await create(subjectEmail, new Date().toISOString());
    // A real failure after the extension commits: no mail of this database can be claimed.
    await harness.crm.query(
      `ALTER TABLE dsr.notice_mails ADD CONSTRAINT test_no_claim CHECK (status <> 'sending')`,
    );

    const extended = await harness
      .send(extendDsrRequest, { id: request.id, reason: 'a module is being migrated' }, company)
      .finally(() =>
        harness.crm.query('ALTER TABLE dsr.notice_mails DROP CONSTRAINT test_no_claim'),
      );

    expect(extended.extendedDueAt).not.toBeNull();
    expect(extended.extensionReason).toBe('a module is being migrated');
    expect(extended.extensionNotifiedAt).toBeNull();
    expect(await mailStatusOf(request.id)).toBe('pending');

    // The mail stayed due, so the next daily run sends it.
    await harness.maintenance().checkDeadlines(new Date('2031-01-04T09:00:00Z'));
    const view = await harness.send(getDsrRequest, { id: request.id }, company);
    expect(view.extensionNotifiedAt).not.toBeNull();
    expect(inbox.mails.filter((mail) => mail.to.includes(subjectEmail))).toHaveLength(1);
  });

  it('should send the other due mails when one fails, and retry that one next run', async () => {
    // A company of its own, with no contact: its overdue notices go unmailed (no_address),
    // so the extension mails are the only ones this run sends.
    const own = randomUUID();
    const subjects = ['first', 'broken', 'third'].map((name) => `${name}-run@example.com`);
    const requests = [];

    // Refused at extension time, so all three are due for the daily run, in this order.
    refusing = true;
    for (const email of subjects) {
      const request = await create(email, new Date().toISOString(), own);
      await harness.send(extendDsrRequest, { id: request.id, reason: 'a migration' }, own);
      requests.push(request);
    }
    refusing = false;

    const [broken] = await harness.crm.query<{ id: string }[]>(
      `SELECT id FROM dsr.notice_mails WHERE request_id = $1 AND kind = 'extension'`,
      [requests[1].id],
    );
    // A real failure for one mail only: the database refuses to claim it.
    await harness.crm.query(
      `ALTER TABLE dsr.notice_mails ADD CONSTRAINT test_no_claim_one
       CHECK (status <> 'sending' OR id <> '${broken.id}')`,
    );
    const lines: string[] = [];
    configureLogging('warn', { write: (line: string) => lines.push(line) });

    const run = await harness
      .maintenance()
      .checkDeadlines(new Date('2031-02-01T09:00:00Z'))
      .finally(async () => {
        configureLogging('silent');
        await harness.crm.query('ALTER TABLE dsr.notice_mails DROP CONSTRAINT test_no_claim_one');
      });

    const reached = (email: string) => inbox.mails.filter((mail) => mail.to.includes(email));
    expect(run).toMatchObject({ ran: true, mailed: 2 });
    expect(reached(subjects[0])).toHaveLength(1);
    expect(reached(subjects[1])).toHaveLength(0);
    expect(reached(subjects[2])).toHaveLength(1);
    expect(await mailStatusOf(requests[1].id)).toBe('failed');

    // The failure is logged by the mail's id, never its address.
    const failures = lines
      .map((line) => JSON.parse(line) as { mailId?: string })
      .filter((line) => line.mailId === broken.id);
    // 23514 is PostgreSQL's check_violation.
    expect(failures).toEqual([expect.objectContaining({ level: 'error', code: '23514' })]);
    expect(lines.join('\n')).not.toContain('example.com');

    // Left due, it goes out with the next run.
    await harness.maintenance().checkDeadlines(new Date('2031-02-02T09:00:00Z'));
    expect(reached(subjects[1])).toHaveLength(1);
    expect(await mailStatusOf(requests[1].id)).toBe('sent');
  });

  async function mailStatusOf(requestId: string): Promise<string> {
    const [mail] = await harness.crm.query<{ status: string }[]>(
      `SELECT status FROM dsr.notice_mails WHERE request_id = $1 AND kind = 'extension'`,
      [requestId],
    );
    return mail.status;
  }
});
