import { randomUUID } from 'node:crypto';

import { loadConfig } from '@compliance/config';
import { createTestDatabase, TestDatabase } from '@compliance/testing';

import { CliDatabase } from '../../support/cli-database';
import { output } from '../../support/output';
import { ServiceContextRunner } from '../../support/service-context';
import { PolicyPruneTransferChecksCommand } from './policy-prune-transfer-checks.command';

describe(PolicyPruneTransferChecksCommand.name, () => {
  let database: TestDatabase;
  let cliDatabase: CliDatabase;
  let command: PolicyPruneTransferChecksCommand;
  const companyId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    cliDatabase = new CliDatabase(config);
    command = new PolicyPruneTransferChecksCommand(new ServiceContextRunner(config, cliDatabase));
  });

  afterAll(async () => {
    await cliDatabase.onApplicationShutdown();
    await database.drop();
  });

  it('should delete the checks past the window once a day, audited with the count', async () => {
    const db = await cliDatabase.open();
    // 31 days old is past the 30-day window; 1 day old is within it.
    for (const days of [31, 1]) {
      await db.query(
        `INSERT INTO policy.transfer_checks (company_id, category, from_region, to_region,
           checked_at)
         VALUES ($1, 'contact', 'eu-west-1', 'us-east-1', now() - make_interval(days => $2))`,
        [companyId, days],
      );
    }
    const printed = jest.spyOn(output, 'line').mockImplementation(() => undefined);

    await command.run();
    await command.run();

    expect(printed.mock.calls.map(([line]) => line)).toEqual([
      'Deleted 1 transfer check(s) past the replay window.',
      'Today’s transfer-check pruning was already done.',
    ]);
    printed.mockRestore();

    const left = await db.query(
      `SELECT count(*)::int AS count FROM policy.transfer_checks WHERE company_id = $1`,
      [companyId],
    );
    expect(left).toEqual([{ count: 1 }]);

    const audited = await db.query(
      `SELECT details->>'deleted' AS deleted FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'policy.transfer-checks-pruned'`,
      [companyId],
    );
    expect(audited).toEqual([{ deleted: '1' }]);
  });
});
