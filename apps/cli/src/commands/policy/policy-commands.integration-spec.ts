import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadConfig } from '@compliance/config';
import { openPolicyOperator, operatorAuth } from '@compliance/policy';
import { InProcessMessageBus } from '@compliance/messaging';
import { createTestDatabase, TestDatabase } from '@compliance/testing';

import { CliDatabase } from '../../support/cli-database';
import { PolicyApplyCommand } from './policy-apply.command';
import { PolicyOperatorSession } from './policy-operator.session';
import { PolicyRollbackCommand } from './policy-rollback.command';
import { PolicyTestCommand } from './policy-test.command';
import { PolicyValidateCommand } from './policy-validate.command';

const EXAMPLES = join(__dirname, '../../../../../libs/policy/examples');

const EU_ONLY = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-residency
spec:
  residency:
    primaryRegion: eu-west-1
    blockCrossRegionTransfers: true
`;

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

describe('compliance policy', () => {
  let database: TestDatabase;
  let cliDatabase: CliDatabase;
  let session: PolicyOperatorSession;
  let folder: string;
  const companyId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    cliDatabase = new CliDatabase(config);
    session = new PolicyOperatorSession(cliDatabase, config);
    await cliDatabase.open();
    folder = await mkdtemp(join(tmpdir(), 'policy-cli-'));
  });

  afterAll(async () => {
    await cliDatabase.onApplicationShutdown();
    await database.drop();
  });

  async function createPolicy(document: string, name = `eu-${randomUUID()}`): Promise<string> {
    const operator = await openPolicyOperator(
      await cliDatabase.endpoint(),
      new InProcessMessageBus(),
    );
    try {
      const created = await operator.policies.create(
        { name, description: '', document },
        operatorAuth(companyId, 'test'),
      );
      return created.id;
    } finally {
      await operator.close();
    }
  }

  describe('validate', () => {
    const validate = (options: { file?: string; json?: boolean }) =>
      runCommand(() => new PolicyValidateCommand().run([], options));

    it('should exit 0 for a valid policy', async () => {
      const { output, exitCode } = await validate({ file: join(EXAMPLES, 'valid/minimal.yaml') });

      expect(exitCode).toBe(0);
      expect(output).toContain('minimal.yaml: valid (0 errors');
    });

    it('should exit 1 and print each error at its line and column', async () => {
      const file = join(folder, 'typo.yaml');
      await writeFile(file, EU_ONLY.replace('primaryRegion', 'primaryRegoin'));

      const { output, exitCode } = await validate({ file });

      expect(exitCode).toBe(1);
      // The misspelt key sits on line 7, indented by four spaces: column 5.
      expect(output).toContain(`${file}:7:5: error at spec.residency.primaryRegoin`);
      expect(output).toContain('did you mean "primaryRegion"?');
    });

    it('should print the same verdict as JSON with --json', async () => {
      const file = join(folder, 'broken.yaml');
      await writeFile(file, 'apiVersion: [\n');

      const { output, exitCode } = await validate({ file, json: true });

      expect(exitCode).toBe(1);
      expect(JSON.parse(output)).toMatchObject({
        file,
        valid: false,
        errors: [expect.any(Object)],
      });
    });

    it('should exit 2 for a file it cannot read', async () => {
      const { output, exitCode } = await validate({ file: join(folder, 'missing.yaml') });

      expect(exitCode).toBe(2);
      expect(output).toContain('ENOENT');
    });
  });

  describe('apply and rollback', () => {
    it('should dry-run without change, apply, roll back, and audit each as the CLI', async () => {
      const id = await createPolicy(EU_ONLY);
      const apply = new PolicyApplyCommand(session);

      const dryRun = await runCommand(() => apply.run([id], { companyId, dryRun: true }));
      expect(dryRun.exitCode).toBe(0);
      expect(dryRun.output).toContain('nothing changed');
      // No data-owning service runs here, and the CLI says so instead of printing zeros.
      expect(dryRun.output).toContain('transfers: no-answer');

      expect((await runCommand(() => apply.run([id], { companyId }))).output).toContain(
        'version 1 is active',
      );

      const operator = await openPolicyOperator(
        await cliDatabase.endpoint(),
        new InProcessMessageBus(),
      );
      await operator.lifecycle.update(
        { id, document: EU_ONLY.replace('eu-west-1', 'eu-central-1') },
        operatorAuth(companyId, 'test'),
      );
      await operator.lifecycle.apply(id, 2, operatorAuth(companyId, 'test'));
      await operator.close();

      const rollback = await runCommand(() =>
        new PolicyRollbackCommand(session).run([id], { companyId, toVersion: 1 }),
      );
      expect(rollback).toEqual({
        exitCode: 0,
        output: `policy ${id}: version 1 is active again as version 3\n`,
      });

      const trail = await (
        await cliDatabase.open()
      ).query(
        `SELECT action, actor_type, actor_id FROM audit.audit_entries
          WHERE company_id = $1 AND resource_id = $2 AND actor_id = 'cli' ORDER BY sequence`,
        [companyId, id],
      );
      expect(trail).toEqual([
        { action: 'policy.dry-run', actor_type: 'system', actor_id: 'cli' },
        { action: 'policy.applied', actor_type: 'system', actor_id: 'cli' },
        { action: 'policy.rolled-back', actor_type: 'system', actor_id: 'cli' },
      ]);
    });

    it("should answer another company's policy as not found, with exit 1", async () => {
      const id = await createPolicy(EU_ONLY);

      const { output, exitCode } = await runCommand(() =>
        new PolicyApplyCommand(session).run([id], { companyId: randomUUID() }),
      );

      expect(exitCode).toBe(1);
      expect(output).toContain('not_found');
    });

    it('should refuse a missing company id or version with exit 2', async () => {
      const id = randomUUID();

      expect((await runCommand(() => new PolicyApplyCommand(session).run([id], {}))).exitCode).toBe(
        2,
      );
      expect(
        (await runCommand(() => new PolicyRollbackCommand(session).run([id], { companyId })))
          .exitCode,
      ).toBe(2);
    });
  });

  describe('test', () => {
    const test = (dir: string) => runCommand(() => new PolicyTestCommand().run([dir], {}));

    it('should pass the shipped example fixtures', async () => {
      const { output, exitCode } = await test(join(EXAMPLES, 'policy-test/eu-residency'));

      expect(output).toContain('6 passed, 0 failed');
      expect(exitCode).toBe(0);
    });

    it('should exit 1 naming a case whose decision differs', async () => {
      const dir = await mkdtemp(join(folder, 'fixture-'));
      await writeFile(join(dir, 'policy.yaml'), EU_ONLY);
      await writeFile(
        join(dir, 'cases.yaml'),
        [
          'cases:',
          '  - name: to the US',
          '    action: data.transfer',
          '    resource: { entity: contact }',
          '    context: { fromRegion: eu-west-1, toRegion: us-east-1 }',
          '    expect: { decision: allow }',
        ].join('\n'),
      );

      const { output, exitCode } = await test(dir);

      expect(exitCode).toBe(1);
      expect(output).toContain('FAIL  to the US: expected allow, got deny by residency');
    });

    it('should exit 2 for a malformed cases file', async () => {
      const dir = await mkdtemp(join(folder, 'fixture-'));
      await writeFile(join(dir, 'policy.yaml'), EU_ONLY);
      await writeFile(join(dir, 'cases.yaml'), 'cases:\n  - name: x\n    action: fly\n');

      const { output, exitCode } = await test(dir);

      expect(exitCode).toBe(2);
      expect(output).toContain('cases.yaml at cases.0.action');
    });
  });
});
