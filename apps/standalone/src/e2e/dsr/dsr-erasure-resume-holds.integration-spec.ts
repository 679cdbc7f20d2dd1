import { randomUUID } from 'node:crypto';

import {
  connectorQueries,
  PostgresConnector,
  SnapshotStore,
  SubjectRecords,
  TaskRequest,
  TaskRunner,
  TaskSink,
} from '@compliance/connector';
import { createLegalHold, findErasureHolds, registerRetentionDataMap } from '@compliance/contracts';
import {
  crmDataMap,
  crmFieldReader,
  crmFieldWriter,
  crmIdentifierMatcher,
  CRM_MODULE,
} from '@compliance/crm-sample';
import { waitFor } from '@compliance/testing';
import { EntityManager } from 'typeorm';

import { seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

/** The module's connector, stopping (as a crash would) after the snapshot, on its first erase. */
class CrashingOnceConnector extends PostgresConnector {
  crashes = 1;

  override async erase(
    companyId: string,
    records: SubjectRecords,
    onBatch?: (manager: EntityManager, entity: string, affected: number) => Promise<void>,
  ) {
    if (this.crashes > 0) {
      this.crashes -= 1;
      throw new Error('the connector stopped mid-erasure');
    }

    return super.erase(companyId, records, onBatch);
  }
}

describe('an erasure under a legal hold delivered again (PostgreSQL and NATS)', () => {
  const harness = new DsrHarness();
  const company = randomUUID();

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await harness.send(registerRetentionDataMap, { dataMap: crmDataMap.map }, company);
    await waitFor(async () => (await harness.crm.query('SELECT 1 FROM dsr.connectors')).length > 0);
  });

  afterAll(async () => {
    await harness.close();
  });

  function runnerOf(connector: PostgresConnector): TaskRunner {
    const queries = connectorQueries('crm');
    return new TaskRunner(
      harness.crm,
      queries,
      connector,
      new SnapshotStore(harness.crm, queries, harness.encryption, CRM_MODULE),
    );
  }

  function connectorArgs() {
    return [
      harness.crm,
      crmDataMap,
      crmIdentifierMatcher(harness.encryption),
      {
        batchSize: 2,
        fieldReader: crmFieldReader(harness.encryption),
        fieldWriter: crmFieldWriter(harness.encryption),
      },
    ] as const;
  }

  function eraseTask(email: string): TaskRequest {
    return {
      taskId: randomUUID(),
      requestId: randomUUID(),
      companyId: company,
      connector: CRM_MODULE,
      action: 'erase',
      identifiers: [{ kind: 'email', value: email }],
      purposes: [],
      attempt: 1,
    };
  }

  /** Asks the retention service which records its holds keep, as the connector host does. */
  const sink: TaskSink = {
    progress: async () => undefined,
    exportBatch: async () => undefined,
    holds: async (entity, recordIds) => {
      const { held } = await harness.send(findErasureHolds, { entity, recordIds }, company);
      return new Map(held.map((record) => [record.recordId, record.holdIds]));
    },
  };

  async function holdInvoices() {
    return harness.send(
      createLegalHold,
      { reason: 'tax audit 2026', scope: 'entity', entity: 'invoice', conditions: [] },
      company,
    );
  }

  it('should still report the held records once it resumes from its snapshot', async () => {
    const email = 'resumed@example.com';
    const contactId = await seedSubject(harness.crm, harness.contacts, company, email);
    const hold = await holdInvoices();
    const runner = runnerOf(new CrashingOnceConnector(...connectorArgs()));
    const task = eraseTask(email);

    await expect(runner.run(task, sink)).rejects.toThrow('the connector stopped mid-erasure');
    const outcome = await runner.run({ ...task, attempt: 2 }, sink);

    // The invoice and the contact it points at stay; the report says so after the resume.
    expect(outcome.status).toBe('done');
    expect(outcome.held).toEqual(
      expect.arrayContaining([
        { entity: 'invoice', records: 1, holdIds: [hold.id] },
        { entity: 'contact', records: 1, holdIds: [hold.id] },
      ]),
    );
    const invoices = await harness.crm.query('SELECT id FROM crm.invoices WHERE contact_id = $1', [
      contactId,
    ]);
    expect(invoices).toHaveLength(1);
  });

  it('should answer a finished erasure delivered again with its first outcome', async () => {
    const email = 'redelivered@example.com';
    await seedSubject(harness.crm, harness.contacts, company, email);
    const hold = await holdInvoices();
    const runner = runnerOf(new PostgresConnector(...connectorArgs()));
    const task = eraseTask(email);

    const first = await runner.run(task, sink);
    const again = await runner.run({ ...task, attempt: 2 }, sink);

    // The certificate is built from the last report: it must still name what the hold kept.
    // The company's holds stay between tests, so the invoice may be kept by more than one.
    expect(first.held).toContainEqual({
      entity: 'invoice',
      records: 1,
      holdIds: expect.arrayContaining([hold.id]) as string[],
    });
    expect(first.categories?.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
  });
});
