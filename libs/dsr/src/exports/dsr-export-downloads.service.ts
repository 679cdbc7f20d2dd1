import { createHash, randomBytes } from 'node:crypto';

import { AuthContext, ResponseOf, readDsrExportPage, ServiceError } from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { dsrQueries } from '../requests/dsr.queries';
import { DsrExportPartsReader, ExportPartRow } from './dsr-export-parts.reader';
import { dsrExportsQueries } from './dsr-exports.queries';

/** How long a fresh link can be redeemed, and how long a redeemed one reads pages. */
export const DOWNLOAD_LINK_MINUTES = 15;
export const DOWNLOAD_WINDOW_MINUTES = 60;
/** Parts per page stop once this much JSON is gathered, well below a bus message's limit. */
const PAGE_BYTES = 256 * 1024;
const PAGE_PARTS = 20;

export type ExportFormat = 'json' | 'zip';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Download links of an export. A link is a random token of which only the hash is kept;
 * it is redeemed once, within minutes, and the redeemed download then reads the sealed
 * parts page by page from where the export is kept, opened on the fly, for as long as the
 * export itself lives.
 */
@Injectable()
export class DsrExportDownloadsService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    private readonly reader: DsrExportPartsReader,
  ) {}

  /** A new link, expiring with the export if that comes first. */
  async issue(
    requestId: string,
    companyId: string,
    format: ExportFormat,
    exportExpiresAt: Date,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      Math.min(Date.now() + DOWNLOAD_LINK_MINUTES * 60_000, exportExpiresAt.getTime()),
    );

    await this.dataSource.query(dsrQueries.insertDownload, [
      hashToken(token),
      requestId,
      companyId,
      format,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  async open(id: string, token: string, auth: AuthContext) {
    const [[row]] = await this.dataSource.query<[{ format: ExportFormat }[], number]>(
      dsrQueries.redeemDownload,
      [hashToken(token), id, auth.companyId],
    );

    // One answer for unknown, used, expired and another company's: a guess learns nothing.
    if (!row) {
      throw ServiceError.notFound('download link (unknown, used or expired)');
    }

    return { format: row.format, fileName: `dsr-export-${id}.${row.format}` };
  }

  async page(
    id: string,
    token: string,
    cursor: number,
    auth: AuthContext,
  ): Promise<ResponseOf<typeof readDsrExportPage>> {
    const [opened] = await this.dataSource.query<unknown[]>(dsrQueries.openedDownload, [
      hashToken(token),
      id,
      auth.companyId,
      DOWNLOAD_WINDOW_MINUTES,
    ]);

    if (!opened) {
      throw ServiceError.notFound('download link (unknown, not redeemed or expired)');
    }

    const rows = await this.dataSource.query<ExportPartRow[]>(dsrExportsQueries.parts, [
      id,
      auth.companyId,
      PAGE_PARTS,
      cursor,
    ]);
    const parts: ResponseOf<typeof readDsrExportPage>['parts'] = [];
    let bytes = 0;

    for (const row of rows) {
      if (bytes >= PAGE_BYTES) {
        break;
      }

      const { plaintext, records } = await this.reader.open(auth.companyId, id, row);
      bytes += plaintext.length;
      parts.push({ connector: row.connector, entity: row.entity, records });
    }

    const more = parts.length < rows.length || rows.length === PAGE_PARTS;
    return { parts, next: more ? cursor + parts.length : null };
  }
}
