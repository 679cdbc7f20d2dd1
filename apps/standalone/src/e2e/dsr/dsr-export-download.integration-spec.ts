import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  createDsrRequest,
  DsrRequestView,
  exportDsrRequest,
  getDsrRequest,
  openDsrExportDownload,
  processDsrRequest,
  readDsrExportPage,
  ResponseOf,
  saveResidency,
} from '@compliance/contracts';
import { waitFor } from '@compliance/testing';

import { seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2025-01-31T10:00:00Z' };
const DAY_MS = 24 * 3_600_000;
const PREFIX = 'acme/dsr-exports';

/** Every file below a folder, as paths relative to it; none when it does not exist. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('export downloads over NATS and PostgreSQL, with the sample CRM', () => {
  const harness = new DsrHarness();
  const company = randomUUID();
  let requestId: string;

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await waitFor(async () => (await harness.crm.query('SELECT 1 FROM dsr.connectors')).length > 0);

    // The company's data lives in eu-west-1, under its own prefix there.
    await harness.send(
      saveResidency,
      {
        primaryRegion: 'eu-west-1',
        replicationRegions: [],
        storagePrefixes: { 'eu-west-1': PREFIX },
        frameworks: ['GDPR'],
        enforcement: 'hard',
        blockCrossRegionTransfers: true,
      },
      company,
    );
    const email = 'portable@example.com';
    await seedSubject(harness.crm, harness.contacts, company, email);
    const created = await harness.send(
      createDsrRequest,
      {
        type: 'portability',
        jurisdiction: 'gdpr',
        channel: 'web',
        requester: { name: null, relation: 'subject' },
        identifiers: [{ kind: 'email', value: email, verification: VERIFIED }],
        purposes: [],
      },
      company,
    );
    requestId = created.id;
    await harness.send(processDsrRequest, { id: requestId }, company);

    let view: DsrRequestView | undefined;
    await waitFor(async () => {
      view = await harness.send(getDsrRequest, { id: requestId }, company);
      return view.status !== 'in_progress';
    }, 30_000);
    expect(view!.status).toBe('completed');
  });

  afterAll(async () => {
    await harness.close();
  });

  /** Where the company's placement puts this export's parts. */
  const placedFolder = () =>
    join(harness.exportDir, 'eu-west-1', 'acme', 'dsr-exports', company, requestId);

  async function readAll(token: string) {
    const parts: { entity: string; records: Record<string, unknown>[] }[] = [];

    for (let cursor: number | null = 0; cursor !== null;) {
      const page: ResponseOf<typeof readDsrExportPage> = await harness.send(
        readDsrExportPage,
        { id: requestId, token, cursor },
        company,
      );
      parts.push(...page.parts);
      cursor = page.next;
    }

    return parts;
  }

  it('should redeem a link once and read every record of the export, opened', async () => {
    const described = await harness.send(
      exportDsrRequest,
      { id: requestId, format: 'zip' },
      company,
    );
    const opened = await harness.send(
      openDsrExportDownload,
      { id: requestId, token: described.downloadToken },
      company,
    );
    const parts = await readAll(described.downloadToken);
    const counted = parts.reduce<Record<string, number>>((counts, part) => {
      counts[part.entity] = (counts[part.entity] ?? 0) + part.records.length;
      return counts;
    }, {});

    expect(opened).toEqual({ format: 'zip', fileName: `dsr-export-${requestId}.zip` });
    expect(counted).toEqual(described.manifest.sources[0].entities);
    expect(parts.find((part) => part.entity === 'contact')?.records[0]).toMatchObject({
      email: 'portable@example.com',
    });
    await expect(
      harness.send(
        openDsrExportDownload,
        { id: requestId, token: described.downloadToken },
        company,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('should refuse a link never redeemed, a forged one and one of another company', async () => {
    const described = await harness.send(
      exportDsrRequest,
      { id: requestId, format: 'json' },
      company,
    );

    await expect(
      harness.send(
        readDsrExportPage,
        { id: requestId, token: described.downloadToken, cursor: 0 },
        company,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      harness.send(openDsrExportDownload, { id: requestId, token: 'x'.repeat(43) }, company),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      harness.send(
        openDsrExportDownload,
        { id: requestId, token: described.downloadToken },
        randomUUID(),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('should keep no link in clear, only its hash', async () => {
    const described = await harness.send(
      exportDsrRequest,
      { id: requestId, format: 'json' },
      company,
    );
    const rows = await harness.crm.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM dsr.export_downloads WHERE request_id = $1',
      [requestId],
    );

    expect(rows.map((row) => row.token_hash)).not.toContain(described.downloadToken);
  });

  it('should keep every part at the company’s placement, sealed, and record where', async () => {
    const rows = await harness.crm.query<
      { task_id: string; entity: string; sequence: number; sealed: string | null }[]
    >('SELECT task_id, entity, sequence, sealed FROM dsr.export_parts WHERE request_id = $1', [
      requestId,
    ]);
    const [placement] = await harness.crm.query<{ region: string; storage_prefix: string }[]>(
      'SELECT region, storage_prefix FROM dsr.export_placements WHERE request_id = $1',
      [requestId],
    );
    const [audit] = await harness.crm.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit.audit_entries
       WHERE resource_id = $1 AND action = 'dsr.export-placed'`,
      [requestId],
    );
    const files = await filesUnder(placedFolder());
    const stored = await Promise.all(
      files.map((file) => readFile(join(placedFolder(), file), 'utf8')),
    );

    expect(rows.length).toBeGreaterThan(0);
    expect(files).toEqual(
      rows.map((row) => `${row.task_id}/${row.entity}/${row.sequence}.sealed`).sort(),
    );
    // Nothing of the export is left in the DSR database, and nothing in clear in the store.
    expect(rows.every((row) => row.sealed === null)).toBe(true);
    expect(stored.some((text) => text.includes('portable@example.com'))).toBe(false);
    expect(await filesUnder(join(harness.exportDir, 'default'))).toEqual([]);
    expect(placement).toEqual({ region: 'eu-west-1', storage_prefix: PREFIX });
    expect(audit.details).toMatchObject({ region: 'eu-west-1', prefix: PREFIX });
  });

  it('should delete the export and its links once their time is past', async () => {
    const described = await harness.send(
      exportDsrRequest,
      { id: requestId, format: 'json' },
      company,
    );
    const later = new Date(Date.now() + 73 * 3_600_000 + DAY_MS);

    await harness.maintenance().deleteExpiredExports(later);

    const [{ parts }] = await harness.crm.query<{ parts: number }[]>(
      'SELECT count(*)::int AS parts FROM dsr.export_parts WHERE request_id = $1',
      [requestId],
    );
    const [{ links }] = await harness.crm.query<{ links: number }[]>(
      'SELECT count(*)::int AS links FROM dsr.export_downloads WHERE request_id = $1',
      [requestId],
    );
    const [placement] = await harness.crm.query<{ deleted_at: Date | null }[]>(
      'SELECT deleted_at FROM dsr.export_placements WHERE request_id = $1',
      [requestId],
    );
    const [audit] = await harness.crm.query<{ details: Record<string, unknown> }[]>(
      `SELECT details FROM audit.audit_entries
       WHERE resource_id = $1 AND action = 'dsr.export-deleted'`,
      [requestId],
    );
    expect({ parts, links }).toEqual({ parts: 0, links: 0 });
    expect(await filesUnder(placedFolder())).toEqual([]);
    // Where it was kept stays on record.
    expect(placement.deleted_at).toEqual(later);
    expect(audit.details).toMatchObject({ region: 'eu-west-1', prefix: PREFIX });
    await expect(
      harness.send(
        openDsrExportDownload,
        { id: requestId, token: described.downloadToken },
        company,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
