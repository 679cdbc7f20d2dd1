import { randomBytes, randomUUID } from 'node:crypto';

import { emailBinding } from '@compliance/access-review';
import { AppConfig, loadConfig } from '@compliance/config';
import {
  createFieldEncryption,
  FieldEncryption,
  keyProviderSettingsFrom,
} from '@compliance/crypto';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { valueBinding } from '@compliance/vault';
import { DataSource } from 'typeorm';

import { CliDatabase } from '../../support/cli-database';
import { KeysReencryptCommand } from './keys-reencrypt.command';
import { KeysRetireCommand } from './keys-retire.command';
import { KeysRotateCommand } from './keys-rotate.command';

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

describe(KeysRetireCommand.name, () => {
  let database: TestDatabase;
  let cliDatabase: CliDatabase;
  let config: AppConfig;
  let dataSource: DataSource;
  /** Opens a new data key version after every two values, as a busy key would. */
  let writer: FieldEncryption;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = loadConfig({
      DATABASE_URL: database.url,
      ENCRYPTION_MASTER_KEY: randomBytes(32).toString('base64'),
    });
    cliDatabase = new CliDatabase(config);
    dataSource = await cliDatabase.open();
    writer = await createFieldEncryption(dataSource, keyProviderSettingsFrom(config), {
      maxEncryptionsPerKey: 2,
      reservationSize: 1,
    });
  });

  afterAll(async () => {
    writer?.forgetKeys();
    await cliDatabase?.onApplicationShutdown();
    await database?.drop();
  });

  async function storeSecretValue(companyId: string): Promise<void> {
    const [{ id: secretId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO vault.secrets (company_id, name, owner_service, rotation_source,
         generator_length, generator_alphabet, current_version)
       VALUES ($1, 'db-password', 'crm', 'supplied', 32, 'abc', 1) RETURNING id`,
      [companyId],
    );
    const versionId = randomUUID();
    await dataSource.query(
      `INSERT INTO vault.secret_versions (id, secret_id, company_id, version, value_ciphertext,
         status, is_current, created_by)
       VALUES ($1, $2, $3, 1, $4, 'enabled', true, 'spec')`,
      [
        versionId,
        secretId,
        companyId,
        await writer.encrypt('s3cret', valueBinding(companyId, versionId)),
      ],
    );
  }

  async function storeContact(companyId: string): Promise<string> {
    const id = randomUUID();
    const binding = { companyId, entity: 'crm.contacts', field: 'email', recordId: id };
    await dataSource.query(
      'INSERT INTO crm.contacts (id, company_id, email_encrypted) VALUES ($1, $2, $3)',
      [id, companyId, await writer.encrypt('ada@example.com', binding)],
    );
    return id;
  }

  async function storeReviewer(companyId: string): Promise<void> {
    await dataSource.query(
      'INSERT INTO access_review.users (company_id, user_id, email_sealed) VALUES ($1, $2, $3)',
      [companyId, 'u-1', await writer.encrypt('rev@example.com', emailBinding(companyId, 'u-1'))],
    );
  }

  const rotate = (options: { companyId?: string; verbose?: boolean }) =>
    runCommand(() => new KeysRotateCommand(cliDatabase, config).run([], options));
  const retire = (options: { companyId?: string; belowVersion?: number }) =>
    runCommand(() => new KeysRetireCommand(cliDatabase, config).run([], options));

  it('should count all services’ values per version and retire once none is left', async () => {
    const companyId = randomUUID();
    // Version 1 seals the vault's value and the CRM contact's, version 2 the reviewer's.
    await storeSecretValue(companyId);
    const contactId = await storeContact(companyId);
    await storeReviewer(companyId);

    const rotated = await rotate({ companyId, verbose: true });
    const refused = await retire({ companyId, belowVersion: 2 });
    const reencrypted = await runCommand(() =>
      new KeysReencryptCommand(cliDatabase, config).run([], { companyId }),
    );
    const stillRefused = await retire({ companyId, belowVersion: 2 });
    await dataSource.query('DELETE FROM crm.contacts WHERE id = $1', [contactId]);
    const retired = await retire({ companyId, belowVersion: 2 });
    const after = await rotate({ companyId });

    expect(rotated.exitCode).toBe(0);
    expect(rotated.output).toMatch(/ {2}v1 \(KEK local v\d+\): 2 values\n/);
    expect(rotated.output).toMatch(/ {2}v2 \(KEK local v\d+\): 1 value\n/);
    expect(section(rotated.output, 'v1')).toEqual(
      expect.arrayContaining([
        '    vault.secret_versions.value_ciphertext: 1',
        '    crm.contacts.email_encrypted: 1',
        '    access_review.users.email_sealed: 0',
        '    dsr.requests.identifiers[].sealed: 0',
      ]),
    );
    expect(section(rotated.output, 'v2')).toContain('    access_review.users.email_sealed: 1');

    expect(refused.exitCode).toBe(1);
    expect(refused.output).toContain('values are still sealed under a key version to retire');
    expect(refused.output).toContain('  v1: 2 values remaining\n');
    expect(refused.output).toContain('    vault.secret_versions.value_ciphertext: 1\n');
    expect(refused.output).toContain('    crm.contacts.email_encrypted: 1\n');

    expect(reencrypted.output).toContain('1 of 1 vault values re-encrypted; done.');
    expect(stillRefused.exitCode).toBe(1);
    expect(stillRefused.output).toContain('  v1: 1 value remaining\n');
    expect(stillRefused.output).not.toContain('vault.secret_versions');

    expect(retired).toEqual({
      exitCode: 0,
      output:
        `company ${companyId}: versions below 2 retired; ` +
        'the data key now decrypts from version 2 on.\n',
    });
    expect(after.output).toContain('min version 2');
    expect(after.output).toContain('  v1 (retired): 0 values\n');
  });

  it('should report every company with a data key, not only the vault’s companies', async () => {
    const crmOnly = randomUUID();
    await storeContact(crmOnly);

    const { output, exitCode } = await rotate({});

    expect(exitCode).toBe(0);
    expect(output).toMatch(new RegExp(`company ${crmOnly}: data key [0-9a-f-]+, min version 1\\n`));
    expect(output).toMatch(
      new RegExp(`company ${crmOnly}[^\\n]*\\n {2}v1 \\([^)]+\\): 1 value\\n`),
    );
  });

  it('should refuse a missing or current version with exit code 2', async () => {
    const companyId = randomUUID();
    await storeContact(companyId);

    const missing = await retire({ companyId });
    const current = await retire({ companyId, belowVersion: 2 });

    expect(missing.exitCode).toBe(2);
    expect(missing.output).toContain('--below-version <n>');
    expect(current.exitCode).toBe(2);
    expect(current.output).toContain('the current key version cannot be retired');
  });
});

/** The lines a version's entry of the report spans, its per-column counts included. */
function section(output: string, version: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${version} (`));
  const end = lines.findIndex((line, index) => index > start && /^ {0,2}\S/.test(line));

  return lines.slice(start + 1, end === -1 ? undefined : end);
}
