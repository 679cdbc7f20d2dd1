import { randomUUID } from 'node:crypto';

import { loadConfig } from '@compliance/config';
import { dsrDeadlineApproaching } from '@compliance/contracts';
import { createTestDatabase, TestDatabase } from '@compliance/testing';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { ServiceContextRunner } from '../../support/service-context';
import { DsrCheckDeadlinesCommand } from './dsr-check-deadlines.command';

describe(DsrCheckDeadlinesCommand.name, () => {
  let database: TestDatabase;
  let cliDatabase: CliDatabase;
  let command: DsrCheckDeadlinesCommand;
  const companyId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    cliDatabase = new CliDatabase(config);
    command = new DsrCheckDeadlinesCommand(new ServiceContextRunner(config, cliDatabase));
  });

  afterAll(async () => {
    await cliDatabase.onApplicationShutdown();
    await database.drop();
  });

  it('should queue each notice once in the dsr outbox for the platform to publish', async () => {
    const db = await cliDatabase.open();
    // Due in 3 calendar days (UTC, the default zone), and one a day overdue.
    const [dueSoon] = await db.query<{ id: string }[]>(
      `INSERT INTO dsr.requests (company_id, type, jurisdiction, channel, requester_relation,
         identifiers, subject_key, received_at, due_at)
       VALUES ($1, 'access', 'gdpr', 'web', 'subject', '[]', 'k1', now() - interval '27 days',
         now() + interval '3 days') RETURNING id`,
      [companyId],
    );
    const [overdue] = await db.query<{ id: string }[]>(
      `INSERT INTO dsr.requests (company_id, type, jurisdiction, channel, requester_relation,
         identifiers, subject_key, received_at, due_at)
       VALUES ($1, 'erasure', 'gdpr', 'web', 'subject', '[]', 'k2', now() - interval '31 days',
         now() - interval '1 day') RETURNING id`,
      [companyId],
    );
    const printed = jest.spyOn(output, 'line').mockImplementation(() => undefined);

    await command.run();
    await command.run();

    expect(printed.mock.calls.map(([line]) => line)).toEqual([
      'Raised 2 deadline notice(s).',
      'Today’s deadline check was already done.',
    ]);
    printed.mockRestore();

    const queued = await db.query<{ notice: string; request: string; published: boolean }[]>(
      `SELECT envelope->'payload'->>'notice' AS notice,
         envelope->'payload'->>'requestId' AS request,
         published_at IS NOT NULL AS published
       FROM dsr.outbox WHERE subject = $1 ORDER BY notice`,
      [dsrDeadlineApproaching.subject],
    );
    expect(queued).toEqual([
      { notice: 'due_in_3_days', request: dueSoon.id, published: false },
      { notice: 'overdue', request: overdue.id, published: false },
    ]);

    const audited = await db.query(
      `SELECT count(*)::int AS count FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'dsr.deadline-notice'`,
      [companyId],
    );
    expect(audited).toEqual([{ count: 2 }]);
  });
});
