import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  dsrExportChunk,
  DsrRequestView,
  dsrTaskReported,
  getDsrRequest,
  PayloadOf,
  processDsrRequest,
} from '@compliance/contracts';
import { waitFor } from '@compliance/testing';

import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-01-05T10:00:00Z' };
/** A connector of the test's own: the sample CRM takes only tasks addressed to it. */
const CONNECTOR = 'crm-stub';
const BAD_ENTITY = 'note/../../leaked';
const REFUSED =
  'connector failed (crm-stub: an export chunk was refused: its entity is not a name ' +
  'a data map can declare)';

describe('DsrEventsController with a refused export chunk over NATS', () => {
  const harness = new DsrHarness();
  const company = randomUUID();

  beforeAll(async () => {
    await harness.start();
    await harness.crm.query(
      `INSERT INTO dsr.connectors (company_id, connector, entities, categories)
       VALUES ($1, $2, '["contact", "note"]', '["contact"]')`,
      [company, CONNECTOR],
    );
  });

  afterAll(async () => {
    await harness.close();
  });

  /** An access request sent to the stub connector, with the id of its export task. */
  async function processedAccess(): Promise<{ requestId: string; taskId: string }> {
    const request = await harness.send(
      createDsrRequest,
      {
        type: 'access',
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: 'refused@example.com', verification: VERIFIED }],
        purposes: [],
      },
      company,
    );
    await harness.send(processDsrRequest, { id: request.id }, company);
    const [task] = await harness.crm.query<{ id: string }[]>(
      'SELECT id FROM dsr.tasks WHERE request_id = $1',
      [request.id],
    );

    return { requestId: request.id, taskId: task.id };
  }

  function chunk(
    ids: { requestId: string; taskId: string },
    entity: string,
  ): PayloadOf<typeof dsrExportChunk> {
    return {
      ...ids,
      connector: CONNECTOR,
      entity,
      sequence: 0,
      records: [{ body: 'a note about the subject' }],
    };
  }

  async function reportDone(ids: { requestId: string; taskId: string }): Promise<void> {
    await harness.publish(
      dsrTaskReported,
      {
        ...ids,
        connector: CONNECTOR,
        attempt: 1,
        status: 'done',
        counts: { contact: 1, note: 1 },
        categories: ['contact'],
      },
      company,
    );
    await waitFor(async () => (await taskOf(ids.taskId)).status === 'done');
  }

  async function storeGoodPart(ids: { requestId: string; taskId: string }): Promise<void> {
    await harness.publish(dsrExportChunk, chunk(ids, 'contact'), company);
    await waitFor(async () => (await partsOf(ids.requestId)) === 1);
  }

  async function taskOf(taskId: string) {
    const [task] = await harness.crm.query<{ status: string; error: string | null }[]>(
      'SELECT status, error FROM dsr.tasks WHERE id = $1',
      [taskId],
    );
    return task;
  }

  async function partsOf(requestId: string): Promise<number> {
    const [{ parts }] = await harness.crm.query<{ parts: number }[]>(
      'SELECT count(*)::int AS parts FROM dsr.export_parts WHERE request_id = $1',
      [requestId],
    );
    return parts;
  }

  async function auditOf(requestId: string) {
    return harness.crm.query<{ action: string; outcome: string; details: object }[]>(
      `SELECT action, outcome, details FROM audit.audit_entries WHERE resource_id = $1
       ORDER BY sequence`,
      [requestId],
    );
  }

  async function settled(requestId: string, status: string): Promise<DsrRequestView> {
    let view: DsrRequestView | undefined;
    await waitFor(async () => {
      view = await harness.send(getDsrRequest, { id: requestId }, company);
      return view.status === status;
    });
    return view!;
  }

  it('should fail the request whose connector reported done, when a chunk is refused', async () => {
    const ids = await processedAccess();
    await storeGoodPart(ids);
    // The report counts one note, so the export waits for the note's part.
    await reportDone(ids);

    await harness.publish(dsrExportChunk, chunk(ids, BAD_ENTITY), company);

    const failed = await settled(ids.requestId, 'failed');
    expect(failed.failureReason).toBe(REFUSED);
    expect(failed.tasks).toMatchObject([
      { connector: CONNECTOR, action: 'export', status: 'failed' },
    ]);
    expect(await partsOf(ids.requestId)).toBe(1);

    const audit = await auditOf(ids.requestId);
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['dsr.export-chunk-refused', 'dsr.failed']),
    );
    expect(audit.find((entry) => entry.action === 'dsr.export-chunk-refused')).toEqual({
      action: 'dsr.export-chunk-refused',
      outcome: 'failure',
      details: { connector: CONNECTOR, taskId: ids.taskId, sequence: 0, exportFailed: true },
    });
    // Neither the answer nor the audit trail repeats what the connector sent.
    expect(JSON.stringify(failed)).not.toContain('leaked');
    expect(JSON.stringify(audit)).not.toContain('leaked');
  });

  it('should keep the export failed when its connector reports done after the refusal', async () => {
    const ids = await processedAccess();

    await harness.publish(dsrExportChunk, chunk(ids, BAD_ENTITY), company);
    await waitFor(async () => (await taskOf(ids.taskId)).status === 'failed');
    await storeGoodPart(ids);
    await harness.publish(
      dsrTaskReported,
      { ...ids, connector: CONNECTOR, attempt: 1, status: 'done', counts: { contact: 1 } },
      company,
    );

    const failed = await settled(ids.requestId, 'failed');
    expect(failed.failureReason).toBe(REFUSED);
    expect(await taskOf(ids.taskId)).toEqual({
      status: 'failed',
      error: 'an export chunk was refused: its entity is not a name a data map can declare',
    });
  });

  it('should leave a completed export as it is, and audit the late refused chunk', async () => {
    const ids = await processedAccess();
    await storeGoodPart(ids);
    await harness.publish(
      dsrTaskReported,
      { ...ids, connector: CONNECTOR, attempt: 1, status: 'done', counts: { contact: 1 } },
      company,
    );
    await settled(ids.requestId, 'completed');

    await harness.publish(dsrExportChunk, chunk(ids, BAD_ENTITY), company);

    await waitFor(async () =>
      (await auditOf(ids.requestId)).some((entry) => entry.action === 'dsr.export-chunk-refused'),
    );
    const view = await harness.send(getDsrRequest, { id: ids.requestId }, company);
    expect(view).toMatchObject({ status: 'completed', failureReason: null });
    expect(view.tasks).toMatchObject([{ status: 'done' }]);
  });
});
