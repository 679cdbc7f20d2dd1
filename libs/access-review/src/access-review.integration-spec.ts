import { createHash, randomUUID } from 'node:crypto';

import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '@compliance/config';
import {
  AnyEventContract,
  AnyRequestContract,
  AuthContext,
  exportAccessReviewReport,
  identityManagerSet,
  identityRoleGranted,
  identityRoleRevocationConfirmed,
  identityUserActive,
  identityUserCreated,
  listStaleAccess,
  PayloadOf,
  previewAccessReviewClose,
  readAccessReviewReportPage,
  RequestOf,
  resolveStaleAccess,
  ResponseOf,
  roleRevocationRequested,
  ServiceError,
  startAccessReview,
} from '@compliance/contracts';
import { NatsMessageBus } from '@compliance/messaging';
import { openDataSource } from '@compliance/persistence';
import { createServiceApp, Infrastructure, openInfrastructure } from '@compliance/platform';
import {
  buildAuthContext,
  createTestDatabase,
  natsTestIsolation,
  SmtpInbox,
  startSmtpInbox,
  TEST_NATS_URL,
  TestDatabase,
  waitFor,
} from '@compliance/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { accessReviewService } from './access-review-service.definition';
import { CampaignCloser } from './campaigns/campaign-closer.service';
import { addDays } from './campaigns/review-period';
import { ReviewNotifier } from './notifications/review-notifier.service';
import { updateReviewSettings } from './settings/review-settings.store';

const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * 24 * 60 * 60 * 1000).toISOString();

describe('access review service over NATS and PostgreSQL', () => {
  const isolation = natsTestIsolation();
  const companyId = randomUUID();
  const identityAuth = buildAuthContext({
    companyId,
    actor: { type: 'service', id: 'crm-identity' },
    scopes: [],
  });
  let database: TestDatabase;
  let inbox: SmtpInbox;
  let infrastructure: Infrastructure;
  let app: INestApplication;
  let identity: NatsMessageBus;
  let dataSource: DataSource;
  const commands: PayloadOf<typeof roleRevocationRequested>[] = [];

  async function publish<C extends AnyEventContract>(
    contract: C,
    payload: PayloadOf<C>,
    messageId = randomUUID(),
  ): Promise<void> {
    await identity.publish(contract.subject, {
      messageId,
      occurredAt: new Date().toISOString(),
      context: identityAuth,
      payload,
    });
  }

  async function ask<C extends AnyRequestContract>(
    contract: C,
    payload: RequestOf<C>,
    auth: AuthContext = buildAuthContext({ companyId }),
  ): Promise<ResponseOf<C>> {
    const reply = await identity.request(contract.subject, { context: auth, payload }, 10_000);

    if (!reply.ok) {
      throw ServiceError.fromBody(reply.error);
    }

    return reply.data as ResponseOf<C>;
  }

  async function readExport(exportId: string): Promise<string> {
    let text = '';

    for (let page: number | null = 0; page !== null;) {
      const read: ResponseOf<typeof readAccessReviewReportPage> = await ask(
        readAccessReviewReportPage,
        { exportId, page },
      );
      text += read.content;
      page = read.next;
    }

    return text;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    inbox = await startSmtpInbox();
    const config = loadConfig({
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_SUBJECT_PREFIX: isolation.subjectPrefix,
      NATS_STREAM: isolation.stream,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SMTP_URL: inbox.url,
      MAIL_FROM: 'compliance@example.test',
    });

    infrastructure = await openInfrastructure(config, {
      processName: 'access-review-test',
      requireNats: true,
    });
    app = await createServiceApp(accessReviewService, config, infrastructure);
    await app.init();

    identity = await NatsMessageBus.connect({
      url: TEST_NATS_URL,
      name: 'crm-identity',
      ...isolation,
    });
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'access-review-test',
    });

    // The identity module: carries out each revocation command and confirms it.
    await identity.consume(
      roleRevocationRequested.subject,
      { durableName: `identity-${randomUUID()}` },
      async (raw) => {
        const command = (raw as { payload: PayloadOf<typeof roleRevocationRequested> }).payload;
        commands.push(command);
        await publish(identityRoleRevocationConfirmed, {
          commandId: command.commandId,
          userId: command.userId,
          role: command.role,
          outcome: 'revoked',
          confirmedAt: new Date().toISOString(),
        });
      },
    );
  });

  afterAll(async () => {
    await identity?.drain(1000);
    await app?.close();
    await infrastructure?.close();
    await dataSource?.destroy();
    await inbox?.close();
    await database?.drop();

    const connection = await connect({ servers: TEST_NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(isolation.stream).catch(() => false);
    await connection.close();
  });

  it('should build the projection from identity events, whatever their order', async () => {
    await dataSource.transaction((manager) =>
      updateReviewSettings(manager, buildAuthContext({ companyId }), {
        privilegedRoles: ['finance-admin'],
      }),
    );

    const users: [string, string | undefined][] = [
      ['alice', 'alice@example.test'],
      ['bob', 'bob@example.test'],
      ['carol', 'carol@example.test'],
      ['dave', undefined],
      ['erin', 'erin@example.test'],
      ['frank', 'frank@example.test'],
    ];

    for (const [userId, email] of users) {
      await publish(identityUserCreated, { userId, email, createdAt: daysAgo(400) });
    }

    await publish(identityManagerSet, { userId: 'bob', managerId: 'alice', setAt: daysAgo(300) });
    await publish(identityManagerSet, { userId: 'carol', managerId: 'alice', setAt: daysAgo(300) });
    await publish(identityManagerSet, { userId: 'dave', managerId: 'bob', setAt: daysAgo(300) });

    const grants: [string, string, number][] = [
      ['alice', 'admin', 300],
      ['frank', 'admin', 300],
      ['bob', 'sales', 300],
      ['carol', 'finance-admin', 300],
      ['dave', 'reports', 60],
      ['erin', 'sales', 300],
    ];

    for (const [userId, role, age] of grants) {
      await publish(identityRoleGranted, {
        userId,
        role,
        grantedBy: 'frank',
        grantedAt: daysAgo(age),
      });
    }

    // Bob was last seen 120 days ago, past the 90-day threshold; the others are active.
    const activity: [string, number, string[]][] = [
      ['alice', 1, ['admin']],
      ['frank', 2, ['admin']],
      ['bob', 120, ['sales']],
      ['carol', 3, ['finance-admin']],
      ['dave', 1, []],
      ['erin', 5, ['sales']],
    ];
    for (const [userId, age, roles] of activity) {
      await publish(identityUserActive, { userId, kind: 'login', at: daysAgo(age), roles });
    }

    // A replay of an older login, as a backfill would send it, moves nothing back.
    await publish(identityUserActive, {
      userId: 'bob',
      kind: 'login',
      at: daysAgo(200),
      roles: ['sales'],
    });

    await waitFor(async () => {
      const [row]: { active: number }[] = await dataSource.query(
        `SELECT count(*)::int AS active FROM access_review.users
         WHERE company_id = $1 AND last_active_at IS NOT NULL`,
        [companyId],
      );
      return row.active === 6;
    });

    const [bob]: { last_active_at: Date; manager_id: string }[] = await dataSource.query(
      `SELECT last_active_at, manager_id FROM access_review.users
       WHERE company_id = $1 AND user_id = $2`,
      [companyId, 'bob'],
    );
    expect(bob.last_active_at.toISOString()).toBe(daysAgo(120));
    expect(bob.manager_id).toBe('alice');
  });

  it('should open one campaign with the stale items and mail each reviewer once', async () => {
    const first = await ask(startAccessReview, { period: '2027-Q1', trigger: 'api' });
    const second = await ask(startAccessReview, { period: '2027-Q1', trigger: 'api' });

    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, review: { id: first.review.id } });
    expect(first.review.usersInSnapshot).toBe(6);
    expect(first.review.reviewers).toEqual(['alice', 'bob']);

    const items = await ask(listStaleAccess, { limit: 50, offset: 0, reviewId: first.review.id });
    const summary = items.items
      .map((item) => `${item.userId}/${item.role}:${item.reasons.join('+')}>${item.reviewerId}`)
      .sort();

    expect(summary).toEqual([
      'bob/sales:inactive>alice',
      'carol/finance-admin:privileged>alice',
      'dave/reports:unused>bob',
    ]);

    // Alice reviews two items and Bob one; Erin and Frank have nothing and get nothing.
    await waitFor(() => inbox.mails.length === 2);
    expect(inbox.mails.map((mail) => mail.to.join()).sort()).toEqual([
      'alice@example.test',
      'bob@example.test',
    ]);
    expect(inbox.mails.find((mail) => mail.to[0] === 'alice@example.test')?.subject).toBe(
      'Access review 2027-Q1: 2 access items to review',
    );

    const [{ count }]: { count: number }[] = await dataSource.query(
      'SELECT count(*)::int AS count FROM access_review.reviews WHERE company_id = $1',
      [companyId],
    );
    expect(count).toBe(1);
  });

  it('should send each reminder once, three days before the due date', async () => {
    const notifier = app.get(ReviewNotifier);
    const [review]: { id: string; due_at: Date }[] = await dataSource.query(
      'SELECT id, due_at FROM access_review.reviews WHERE company_id = $1',
      [companyId],
    );
    const threeDaysBefore = addDays(review.due_at, -2.9);

    expect(await notifier.notifyReview(review.id, threeDaysBefore)).toBe(2);
    expect(await notifier.notifyReview(review.id, threeDaysBefore)).toBe(0);

    await waitFor(() => inbox.mails.length === 4);
    expect(inbox.mails.slice(2).map((mail) => mail.subject)).toEqual([
      'Reminder: access review 2027-Q1 is due in 3 days',
      'Reminder: access review 2027-Q1 is due in 3 days',
    ]);
  });

  it('should send a revocation to identity and close the item on its confirmation', async () => {
    const alice = buildAuthContext({ companyId, actor: { type: 'user', id: 'alice' } });
    const { items } = await ask(listStaleAccess, { limit: 50, offset: 0, state: 'undecided' });
    const bobSales = items.find((item) => item.userId === 'bob')!;

    const decided = await ask(
      resolveStaleAccess,
      { id: bobSales.id, decision: 'revoked', justification: 'left the sales team' },
      alice,
    );
    expect(decided).toMatchObject({ decision: 'revoked', revocationStatus: 'pending' });

    await waitFor(async () => {
      const page = await ask(listStaleAccess, { limit: 50, offset: 0, state: 'decided' });
      return page.items[0]?.revocationStatus === 'confirmed';
    });
    expect(commands).toEqual([
      expect.objectContaining({
        commandId: bobSales.id,
        userId: 'bob',
        role: 'sales',
        automatic: false,
      }),
    ]);

    const [role]: { revoked_at: Date | null }[] = await dataSource.query(
      `SELECT revoked_at FROM access_review.user_roles WHERE company_id = $1 AND user_id = 'bob'`,
      [companyId],
    );
    expect(role.revoked_at).not.toBeNull();
  });

  it('should refuse retaining without justification, and reviewing one’s own access', async () => {
    const { items } = await ask(listStaleAccess, { limit: 50, offset: 0, state: 'undecided' });
    const carol = items.find((item) => item.userId === 'carol')!;

    await expect(
      ask(resolveStaleAccess, { id: carol.id, decision: 'retained' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(
      ask(
        resolveStaleAccess,
        { id: carol.id, decision: 'retained', justification: 'mine' },
        buildAuthContext({ companyId, actor: { type: 'user', id: 'carol' } }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      ask(resolveStaleAccess, { id: carol.id, decision: 'revoked' }, buildAuthContext()),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('should preview, then close at the due date escalating what is undecided', async () => {
    const [review]: { id: string; due_at: Date }[] = await dataSource.query(
      'SELECT id, due_at FROM access_review.reviews WHERE company_id = $1',
      [companyId],
    );
    const preview = await ask(previewAccessReviewClose, { id: review.id });

    expect(preview).toMatchObject({ action: 'escalate', undecided: 2 });

    expect(await app.get(CampaignCloser).closeDue(addDays(review.due_at, 0.01))).toBe(1);

    // Bob's late item goes to his manager Alice; Alice has no manager, so to admin Frank.
    await waitFor(() => inbox.mails.length === 6);
    expect(
      inbox.mails
        .slice(4)
        .map((mail) => `${mail.to[0]}|${mail.subject}`)
        .sort(),
    ).toEqual([
      'alice@example.test|Overdue access review 2027-Q1: reviewer bob',
      'frank@example.test|Overdue access review 2027-Q1: reviewer alice',
    ]);
  });

  it('should export the evidence with a hash that matches its content', async () => {
    const [review]: { id: string }[] = await dataSource.query(
      'SELECT id FROM access_review.reviews WHERE company_id = $1',
      [companyId],
    );
    const json = await ask(exportAccessReviewReport, { id: review.id, format: 'json' });
    const csv = await ask(exportAccessReviewReport, { id: review.id, format: 'csv' });
    const jsonText = await readExport(json.exportId);
    const csvText = await readExport(csv.exportId);
    const content = JSON.parse(jsonText) as {
      items: { decision: string | null }[];
      snapshot: unknown[];
    };

    expect(content.snapshot).toHaveLength(6);
    expect(content.items.filter((item) => item.decision === 'revoked')).toHaveLength(1);
    expect(content.items.filter((item) => item.decision === null)).toHaveLength(2);
    expect(createHash('sha256').update(jsonText).digest('hex')).toBe(json.contentHash);
    expect(createHash('sha256').update(csvText).digest('hex')).toBe(csv.contentHash);
    expect(csvText.split('\r\n')[0]).toContain('revocation_confirmed_at');

    // Pages are the company's own: another company's caller learns nothing of them.
    await expect(
      ask(readAccessReviewReportPage, { exportId: json.exportId, page: 0 }, buildAuthContext()),
    ).rejects.toMatchObject({ code: 'not_found' });

    const actions: { action: string }[] = await dataSource.query(
      'SELECT DISTINCT action FROM audit.audit_entries WHERE company_id = $1 ORDER BY action',
      [companyId],
    );
    expect(actions.map((row) => row.action)).toEqual([
      'access-review.closed',
      'access-review.item-resolved',
      'access-review.notification',
      'access-review.opened',
      'access-review.report-exported',
      'access-review.revocation-confirmed',
      'access-review.settings-updated',
    ]);
  });
});
