import { randomUUID } from 'node:crypto';

import { auditMigrations } from '@compliance/audit';
import { PayloadOf, policyApplied } from '@compliance/contracts';
import { cryptoMigrations } from '@compliance/crypto';
import { BusContext } from '@compliance/messaging';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { ActivePolicyReader } from '@compliance/policy-settings';
import {
  buildAuthContext,
  createTestDatabase,
  TestDatabase,
  ScriptedPolicyReader,
} from '@compliance/testing';
import { DataSource } from 'typeorm';

import { dsrMigrations } from '../migrations/dsr.migrations';
import { DsrPolicyAppliedController } from './dsr-policy-applied.controller';
import { loadDsrSettings } from './dsr-settings';

const POLICY_ID = randomUUID();

const dsrPolicy = (dsr: string) => `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: requests
spec:
  dsr:
${dsr}`;

const OLDER = dsrPolicy('    enforcement: soft\n    deadlineDays: 25\n');
const NEWER = dsrPolicy('    enforcement: hard\n    deadlineDays: 20\n');

/** The policy service as a replica sees it: `answer(read)` is the document of the read-th call. */
function readerAnswering(answer: (read: number) => string): ScriptedPolicyReader {
  return new ScriptedPolicyReader(POLICY_ID, answer, (document) => (document === NEWER ? 2 : 1));
}

describe(DsrPolicyAppliedController.name, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };

    await runMigrations(endpoint, [auditMigrations, cryptoMigrations, dsrMigrations]);
    dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 4,
      applicationName: 'dsr-policy-applied-test',
    });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  function handle(reader: ActivePolicyReader, companyId: string, messageId = randomUUID()) {
    const auth = buildAuthContext({ companyId });
    const event: PayloadOf<typeof policyApplied> = {
      companyId,
      policyId: POLICY_ID,
      version: 2,
      previousVersion: 1,
      reason: 'apply',
    };

    return new DsrPolicyAppliedController(dataSource, reader).policyApplied(
      event,
      new BusContext(auth, policyApplied.subject, messageId),
    );
  }

  async function auditedUpdates(companyId: string): Promise<number> {
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit.audit_entries
       WHERE company_id = $1 AND action = 'dsr.settings-updated'`,
      [companyId],
    );

    return count;
  }

  it('should end on the newer policies though its first read was the older', async () => {
    const companyId = randomUUID();

    // Replica B handles the newer apply first; replica A read the older state before B
    // wrote, and writes after it.
    await handle(
      readerAnswering(() => NEWER),
      companyId,
    );
    await handle(
      readerAnswering((read) => (read === 0 ? OLDER : NEWER)),
      companyId,
    );

    expect(await loadDsrSettings(dataSource, companyId)).toMatchObject({
      deadlineDays: 20,
      enforcement: 'hard',
    });
  });

  it('should give up after bounded reads when answers never settle, each write whole', async () => {
    const companyId = randomUUID();
    const reader = readerAnswering((read) => (read % 2 === 0 ? OLDER : NEWER));

    await expect(handle(reader, companyId)).rejects.toMatchObject({ code: 'conflict' });

    // The read before the claim, then five checks: 1 + 5 = 6 reads. Every check disagreed
    // and was written and audited, 1 + 5 = 6 writes; the last read (index 5, odd) is NEWER.
    expect(reader.reads).toBe(6);
    expect(await auditedUpdates(companyId)).toBe(6);
    expect(await loadDsrSettings(dataSource, companyId)).toMatchObject({
      deadlineDays: 20,
      enforcement: 'hard',
    });
  });

  it('should bring settings in line when a failed event comes back, claim taken', async () => {
    const companyId = randomUUID();
    const messageId = randomUUID();
    const unsettled = readerAnswering((read) => (read % 2 === 0 ? NEWER : OLDER));

    await expect(handle(unsettled, companyId, messageId)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await loadDsrSettings(dataSource, companyId)).toMatchObject({ deadlineDays: 25 });

    await handle(
      readerAnswering(() => NEWER),
      companyId,
      messageId,
    );

    expect(await loadDsrSettings(dataSource, companyId)).toMatchObject({
      deadlineDays: 20,
      enforcement: 'hard',
    });
  });
});
