import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';

import { ReportManifest, reportLength, writeReviewReport } from './write-review-report';

const CONTENT = '{"items":[{"id":"é"}],"review":{"id":"r1"}}';
const PAGES = [CONTENT.slice(0, 10), CONTENT.slice(10, 30), CONTENT.slice(30)];

function manifest(format: 'json' | 'csv'): ReportManifest {
  return {
    exportId: '00000000-0000-4000-8000-000000000001',
    reviewId: '00000000-0000-4000-8000-000000000002',
    format,
    generatedAt: '2027-01-02T00:00:00.000Z',
    contentHash: createHash('sha256').update(CONTENT).digest('hex'),
    bytes: Buffer.byteLength(CONTENT),
    pages: PAGES.length,
    expiresAt: '2027-01-02T01:00:00.000Z',
  };
}

async function written(format: 'json' | 'csv'): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));

  await writeReviewReport(
    manifest(format),
    async (page) => ({ content: PAGES[page], next: page + 1 < PAGES.length ? page + 1 : null }),
    output,
  );
  return Buffer.concat(chunks);
}

describe('writeReviewReport', () => {
  it('should wrap the joined pages as the content of one JSON document', async () => {
    const body = await written('json');
    const document = JSON.parse(body.toString('utf8'));

    expect(document).toEqual({
      format: 'json',
      reviewId: manifest('json').reviewId,
      generatedAt: '2027-01-02T00:00:00.000Z',
      contentHash: manifest('json').contentHash,
      content: JSON.parse(CONTENT),
    });
    expect(body.length).toBe(reportLength(manifest('json')));
  });

  it('should write the CSV pages as they are, with the length the header announces', async () => {
    const body = await written('csv');

    expect(body.toString('utf8')).toBe(CONTENT);
    expect(body.length).toBe(reportLength(manifest('csv')));
  });
});
