import { Writable } from 'node:stream';

import { exportParts, ExportPageReader } from './export-pages';
import { writeExportJson } from './write-export-json';
import { writeExportZip } from './write-export-zip';

/** Writes a redeemed export in its format to the client, page by page. */
export function writeDsrExport(
  requestId: string,
  format: 'json' | 'zip',
  read: ExportPageReader,
  output: Writable,
): Promise<void> {
  const parts = exportParts(read);

  return format === 'zip'
    ? writeExportZip(parts, output)
    : writeExportJson(requestId, parts, output);
}
