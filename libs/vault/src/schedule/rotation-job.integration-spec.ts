import { randomUUID } from 'node:crypto';

import { Mailer, SmtpMailer } from '@compliance/mail';
import { buildAuthContext, SmtpInbox, startSmtpInbox } from '@compliance/testing';

import { openVaultTestContext, VaultTestContext } from '../testing/vault-test-context';

const DAY_MS = 86_400_000;

describe('RotationJob', () => {
  let vault: VaultTestContext;

  beforeAll(async () => {
    vault = await openVaultTestContext();
  });

  afterAll(async () => {
    await vault.close();
  });

  it('should rotate due secrets and warn of expiry once, on one replica of several', async () => {
    const admin = buildAuthContext();
    const create = (overrides: Record<string, unknown>) =>
      vault.secrets.create(
        {
          name: `job/${randomUUID()}`,
          description: '',
          ownerService: 'crm-mail',
          tags: [],
          allowedServices: [],
          rotationSource: 'generated',
          generator: { length: 24, alphabet: 'abcdefghijklmnopqrstuvwxyz' },
          rotationIntervalDays: null,
          expiresAt: null,
          overlapHours: 1,
          notifyEmail: null,
          ...overrides,
        },
        admin,
      );
    const due = await create({ rotationIntervalDays: 30 });
    // Expires in 5 days: past the 30- and 7-day thresholds, so one warning, at 7 days.
    const expiring = await create({ expiresAt: new Date(Date.now() + 5 * DAY_MS).toISOString() });
    await vault.dataSource.query(
      `UPDATE vault.secrets SET next_rotation_at = now() - interval '1 minute' WHERE id = $1`,
      [due.id],
    );

    const replicas = [vault.job(), vault.job(), vault.job()];
    const runs = await Promise.all(replicas.map((job) => job.run('2030-01-01')));

    expect(runs.filter((run) => run.ran)).toHaveLength(1);
    expect(runs.find((run) => run.ran)).toMatchObject({ rotated: 1, warnings: 1, failed: 0 });
    expect((await vault.secrets.get(due.id, admin)).currentVersion).toBe(2);

    const again = await vault.job().run('2030-01-02');
    expect(again).toMatchObject({ ran: true, rotated: 0, warnings: 0 });

    const warnings = await vault.dataSource.query<{ days: number }[]>(
      `SELECT (envelope->'payload'->>'daysBefore')::int AS days FROM vault.outbox
       WHERE subject = 'compliance.events.vault.secret.expiring.v1'
         AND envelope->'payload'->>'secretId' = $1`,
      [expiring.id],
    );
    expect(warnings).toEqual([{ days: 7 }]);
  });
});

describe('RotationJob expiry mails', () => {
  let vault: VaultTestContext;
  let inbox: SmtpInbox;
  let mailer: SmtpMailer;
  const admin = buildAuthContext();
  const start = Date.parse('2031-03-01T03:00:00Z');
  const clockAt = (ms: number) => ({ now: () => new Date(ms) });

  beforeAll(async () => {
    vault = await openVaultTestContext();
    inbox = await startSmtpInbox();
    mailer = new SmtpMailer(inbox.url, 'vault@example.com');
  });

  afterAll(async () => {
    mailer.close();
    await inbox.close();
    await vault.close();
  });

  const create = (expiresInDays: number, notifyEmail: string | null) =>
    vault.secrets.create(
      {
        name: `mail/${randomUUID()}`,
        description: '',
        ownerService: 'crm-mail',
        tags: [],
        allowedServices: [],
        rotationSource: 'generated',
        generator: { length: 24, alphabet: 'abcdefghijklmnopqrstuvwxyz' },
        rotationIntervalDays: null,
        expiresAt: new Date(start + expiresInDays * DAY_MS).toISOString(),
        overlapHours: 1,
        notifyEmail,
      },
      admin,
    );
  const mailsFor = (name: string) => inbox.mails.filter((mail) => mail.subject.includes(name));

  it('should mail each threshold once to the contact, and nothing without one', async () => {
    const soon = await create(5, 'owner@example.com');
    const later = await create(20, 'later@example.com');
    const silent = await create(5, null);

    const first = await vault.job(clockAt(start), mailer).run('mail-1');
    const sameDay = await vault.job(clockAt(start), mailer).run('mail-1b');

    // 5 days left crosses 30 and 7: one notice, at 7. 20 days left: one, at 30.
    expect(first).toMatchObject({ warnings: 3, mailed: 2 });
    expect(sameDay).toMatchObject({ warnings: 0, mailed: 0 });
    expect(mailsFor(soon.name)).toEqual([
      {
        to: ['owner@example.com'],
        subject: `Secret ${soon.name} expires within 7 days`,
        text: expect.stringContaining(new Date(start + 5 * DAY_MS).toISOString()),
      },
    ]);
    expect(mailsFor(later.name)).toEqual([
      expect.objectContaining({
        to: ['later@example.com'],
        subject: expect.stringContaining('30'),
      }),
    ]);
    expect(mailsFor(silent.name)).toEqual([]);
    expect(soon.hasNotifyEmail).toBe(true);
    expect(silent.hasNotifyEmail).toBe(false);

    // 4.5 days on, half a day is left: the 1-day notice, once.
    const lastDay = await vault.job(clockAt(start + 4.5 * DAY_MS), mailer).run('mail-2');

    expect(lastDay).toMatchObject({ mailed: 1 });
    expect(mailsFor(soon.name).map((mail) => mail.subject)).toEqual([
      `Secret ${soon.name} expires within 7 days`,
      `Secret ${soon.name} expires within a day`,
    ]);
  });

  it('should keep the address sealed at rest and follow a changed or cleared contact', async () => {
    const secret = await create(3, 'first@example.com');
    const [stored] = await vault.dataSource.query<{ notify_email_sealed: string }[]>(
      'SELECT notify_email_sealed FROM vault.secrets WHERE id = $1',
      [secret.id],
    );

    expect(stored.notify_email_sealed).not.toContain('first@example.com');

    const changed = await vault.secrets.update(
      { id: secret.id, notifyEmail: 'second@example.com' },
      admin,
    );
    await vault.job(clockAt(start), mailer).run('contact-1');

    expect(changed.hasNotifyEmail).toBe(true);
    expect(mailsFor(secret.name).map((mail) => mail.to)).toEqual([['second@example.com']]);

    const cleared = await vault.secrets.update({ id: secret.id, notifyEmail: null }, admin);
    await vault.job(clockAt(start + 2.5 * DAY_MS), mailer).run('contact-2');

    expect(cleared.hasNotifyEmail).toBe(false);
    expect(mailsFor(secret.name)).toHaveLength(1);
  });

  it('should try a failed mail again on the next run, and only that one', async () => {
    const secret = await create(6, 'retry@example.com');
    const failing: Mailer = {
      delivers: true,
      send: () => Promise.reject(Object.assign(new Error('421 busy'), { code: 'EPROTOCOL' })),
      close: () => undefined,
    };

    const failed = await vault.job(clockAt(start), failing).run('retry-1');
    const retried = await vault.job(clockAt(start + DAY_MS), mailer).run('retry-2');
    const after = await vault.job(clockAt(start + 2 * DAY_MS), mailer).run('retry-3');

    expect(failed).toMatchObject({ mailed: 0 });
    expect(retried).toMatchObject({ mailed: 1, warnings: 0 });
    expect(after).toMatchObject({ mailed: 0 });
    expect(mailsFor(secret.name).map((mail) => mail.subject)).toEqual([
      `Secret ${secret.name} expires within 7 days`,
    ]);

    const audit = await vault.dataSource.query<{ outcome: string; details: unknown }[]>(
      `SELECT outcome, details FROM audit.audit_entries
       WHERE resource_id = $1 AND action = 'secret.expiry-notice' ORDER BY sequence`,
      [secret.id],
    );
    expect(audit.map((entry) => entry.outcome)).toEqual(['failure', 'success']);
    expect(JSON.stringify(audit)).not.toContain('retry@example.com');
  });
});
