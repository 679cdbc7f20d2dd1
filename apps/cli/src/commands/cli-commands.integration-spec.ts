import { randomUUID } from 'node:crypto';

import { ApiKeyStore } from '@compliance/auth';
import { loadConfig } from '@compliance/config';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { Client } from 'pg';

import { CliDatabase } from '../support/cli-database';
import { ApiKeyCreateCommand } from './api-key-create.command';
import { AuditVerifyCommand } from './audit-verify.command';

/** Runs a command as the CLI would and collects what it printed and its exit code. */
async function runCommand(work: () => Promise<void>) {
  const printed: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  process.exitCode = undefined;

  try {
    await work();
    return { output: printed.join(''), exitCode: process.exitCode ?? 0 };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}

describe('CLI commands', () => {
  let database: TestDatabase;
  let cliDatabase: CliDatabase;
  const companyId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    cliDatabase = new CliDatabase(loadConfig({ DATABASE_URL: database.url }));
  });

  afterAll(async () => {
    await cliDatabase.onApplicationShutdown();
    await database.drop();
  });

  it('should print a new API key once that authenticates, and audit its creation', async () => {
    const command = new ApiKeyCreateCommand(cliDatabase);

    const { output, exitCode } = await runCommand(() =>
      command.run([], { companyId, scopes: ['policy:read', 'audit:read'], name: 'reporting' }),
    );

    const key = /ck_[A-Za-z0-9_-]+/.exec(output)?.[0];
    expect(exitCode).toBe(0);
    expect(key).toBeDefined();

    const verified = await new ApiKeyStore(await cliDatabase.open()).verify(key!);
    expect(verified).toMatchObject({ companyId, scopes: ['policy:read', 'audit:read'] });

    const [entry] = await (
      await cliDatabase.open()
    ).query(`SELECT action, resource_id FROM audit.audit_entries WHERE company_id = $1`, [
      companyId,
    ]);
    expect(entry).toEqual({ action: 'api-key.created', resource_id: verified!.id });
  });

  it('should refuse an unknown scope with exit code 2, naming it', async () => {
    const { output, exitCode } = await runCommand(() =>
      new ApiKeyCreateCommand(cliDatabase).run([], {
        companyId,
        scopes: ['policy:read', 'everything'],
        name: 'bad',
      }),
    );

    expect(exitCode).toBe(2);
    expect(output).toContain('everything');
  });

  it('should exit 0 on an intact trail and 1 naming the entry once one is edited', async () => {
    const verify = new AuditVerifyCommand(cliDatabase);

    const intact = await runCommand(() => verify.run([], { companyId }));
    expect(intact.exitCode).toBe(0);
    expect(intact.output).toContain('intact');

    // An attacker with superuser rights bypasses the triggers that refuse edits.
    const attacker = new Client({ connectionString: database.url });
    await attacker.connect();
    await attacker.query('SET session_replication_role = replica');
    const { rows } = await attacker.query(
      `UPDATE audit.audit_entries SET details = '{"scopes":["admin"]}'
       WHERE company_id = $1 RETURNING id`,
      [companyId],
    );
    await attacker.end();

    const broken = await runCommand(() => verify.run([], { companyId }));
    expect(broken.exitCode).toBe(1);
    expect(broken.output).toContain(rows[0].id);
    expect(broken.output).toContain('content_edited');
  });
});
