import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { createDsrRequest, dsrExportChunk, PayloadOf } from '@compliance/contracts';
import { DsrExportsService } from '@compliance/dsr';

import { auth, DsrHarness } from './dsr-harness';

type Chunk = PayloadOf<typeof dsrExportChunk>;

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2026-01-05T10:00:00Z' };
const NOT_AN_ENTITY = /export chunk must name an entity as a data map declares it/;

/** Every file below a folder, as paths relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('DsrExportsService with a chunk naming no data-map entity (PostgreSQL)', () => {
  const harness = new DsrHarness();
  const company = randomUUID();
  let exports: DsrExportsService;
  let requestId: string;

  beforeAll(async () => {
    await harness.start();
    exports = harness.dsr!.get(DsrExportsService);
    const request = await harness.send(
      createDsrRequest,
      {
        type: 'access',
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: 'climber@example.com', verification: VERIFIED }],
        purposes: [],
      },
      company,
    );
    requestId = request.id;
  });

  afterAll(async () => {
    await harness.close();
  });

  function chunkOf(entity: string, taskId: string): Chunk {
    return {
      taskId,
      requestId,
      connector: 'crm-sample',
      entity,
      sequence: 0,
      records: [{ email: 'climber@example.com' }],
    };
  }

  /** What the service does with a chunk from the bus: seal it, then store it in a transaction. */
  async function receive(chunk: Chunk): Promise<void> {
    const context = auth(company);
    const part = await exports.seal(chunk, context);

    await harness.crm.transaction((manager) => exports.storePart(manager, chunk, part, context));
  }

  async function partsOfRequest(): Promise<string[]> {
    const rows = await harness.crm.query<{ entity: string }[]>(
      'SELECT entity FROM dsr.export_parts WHERE request_id = $1 ORDER BY entity',
      [requestId],
    );
    return rows.map((row) => row.entity);
  }

  it('should refuse it without writing anywhere, and keep the parts stored before', async () => {
    const taskId = randomUUID();
    await receive(chunkOf('contact', taskId));
    const stored = await filesUnder(harness.exportDir);

    for (const entity of ['../../etc/x', 'a/b', '../'.repeat(8) + 'tmp/x', 'Contact\n']) {
      const refused = receive(chunkOf(entity, taskId));

      await expect(refused).rejects.toThrow(NOT_AN_ENTITY);
      // The error names the rule, never the value a connector sent.
      await expect(refused).rejects.not.toThrow(entity);
    }

    // The one good part lies in its export's folder; nothing else was written, anywhere.
    expect(stored).toEqual([join('default', company, requestId, taskId, 'contact', '0.sealed')]);
    expect(await filesUnder(harness.exportDir)).toEqual(stored);
    expect(await partsOfRequest()).toEqual(['contact']);
  });

  it('should refuse a part to store whose chunk names no entity, even once sealed', async () => {
    const context = auth(company);
    const good = chunkOf('contact', randomUUID());
    const part = await exports.seal(good, context);
    const before = await filesUnder(harness.exportDir);

    await expect(
      harness.crm.transaction((manager) =>
        exports.storePart(manager, { ...good, entity: 'a/b' }, part, context),
      ),
    ).rejects.toThrow(NOT_AN_ENTITY);

    expect(await filesUnder(harness.exportDir)).toEqual(before);
    expect(await partsOfRequest()).toEqual(['contact']);
  });
});
