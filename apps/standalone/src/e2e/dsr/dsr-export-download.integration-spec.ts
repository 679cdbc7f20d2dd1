import { randomUUID } from 'node:crypto';

import {
  createDsrRequest,
  DsrRequestView,
  exportDsrRequest,
  getDsrRequest,
  openDsrExportDownload,
  processDsrRequest,
  readDsrExportPage,
  ResponseOf,
} from '@compliance/contracts';
import { waitFor } from '@compliance/testing';

import { seedSubject } from './crm-seed';
import { DsrHarness } from './dsr-harness';

const VERIFIED = { method: 'email_link' as const, verifiedAt: '2025-01-31T10:00:00Z' };
const DAY_MS = 24 * 3_600_000;

describe('export downloads over NATS and PostgreSQL, with the sample CRM', () => {
  const harness = new DsrHarness();
  const company = randomUUID();
  let requestId: string;

  beforeAll(async () => {
    await harness.start();
    await harness.announce(company);
    await waitFor(async () => (await harness.crm.query('SELECT 1 FROM dsr.connectors')).length > 0);

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
    expect({ parts, links }).toEqual({ parts: 0, links: 0 });
    await expect(
      harness.send(
        openDsrExportDownload,
        { id: requestId, token: described.downloadToken },
        company,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
