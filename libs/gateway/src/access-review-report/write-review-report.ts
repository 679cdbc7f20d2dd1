import { Writable } from 'node:stream';

import {
  exportAccessReviewReport,
  readAccessReviewReportPage,
  ResponseOf,
} from '@compliance/contracts';

import { writeToClient as write } from '../streaming/write-to-client';

export type ReportManifest = ResponseOf<typeof exportAccessReviewReport>;

/** Reads one page of an export; the gateway's is a bus request. */
export type ReportPageReader = (
  page: number,
) => Promise<ResponseOf<typeof readAccessReviewReportPage>>;

/**
 * The JSON envelope around the report: `content` is the canonical report text exactly as
 * hashed, so the bytes between `"content":` and the closing brace are what `contentHash`
 * covers.
 */
export function jsonEnvelope(manifest: ReportManifest): { head: string; tail: string } {
  const head = JSON.stringify({
    format: manifest.format,
    reviewId: manifest.reviewId,
    generatedAt: manifest.generatedAt,
    contentHash: manifest.contentHash,
  });

  return { head: `${head.slice(0, -1)},"content":`, tail: '}' };
}

/** Bytes the client receives, so a cut-short download shows as one. */
export function reportLength(manifest: ReportManifest): number {
  if (manifest.format === 'csv') {
    return manifest.bytes;
  }

  const { head, tail } = jsonEnvelope(manifest);
  return Buffer.byteLength(head) + manifest.bytes + Buffer.byteLength(tail);
}

/** Writes an exported report to the client page by page, waiting on the client each time. */
export async function writeReviewReport(
  manifest: ReportManifest,
  read: ReportPageReader,
  output: Writable,
): Promise<void> {
  const envelope = manifest.format === 'json' ? jsonEnvelope(manifest) : undefined;

  if (envelope) {
    await write(output, envelope.head);
  }

  for (let page: number | null = 0; page !== null;) {
    const { content, next } = await read(page);
    await write(output, content);
    page = next;
  }

  if (envelope) {
    await write(output, envelope.tail);
  }

  output.end();
}
