import { once } from 'node:events';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ZipFile } from 'yazl';

import { csvLine } from './csv-line';
import { ExportPart } from './export-pages';

/**
 * A zip of one CSV file per connector and entity, written as the parts arrive. Parts come
 * ordered by connector and entity, so one file is open at a time; every write waits for
 * the zip (and the client behind it) to take it, so memory holds a page, never the export.
 * Columns are those of the entity's first record, plus any later ones in a last column.
 */
export async function writeExportZip(
  parts: AsyncIterable<ExportPart>,
  output: Writable,
): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, output);
  // Observed here and awaited below: a client gone mid-way fails the writes waiting on it.
  written.catch(() => undefined);
  let file: { name: string; stream: PassThrough; columns: string[] } | undefined;

  try {
    for await (const part of parts) {
      const name = `${part.connector}/${part.entity}.csv`;

      if (file?.name !== name) {
        file?.stream.end();
        file = undefined;
      }

      for (const record of part.records) {
        if (!file) {
          const stream = new PassThrough();
          zip.addReadStream(stream, name);
          file = { name, stream, columns: Object.keys(record) };
          await write(stream, csvLine([...file.columns, 'other']), written);
        }

        const others = Object.fromEntries(
          Object.entries(record).filter(([key]) => !file!.columns.includes(key)),
        );
        const extra = Object.keys(others).length > 0 ? others : null;
        await write(
          file.stream,
          csvLine([...file.columns.map((column) => record[column]), extra]),
          written,
        );
      }
    }

    file?.stream.end();
    zip.end();
  } catch (error) {
    file?.stream.destroy(error as Error);
    (zip.outputStream as Readable).destroy(error as Error);
    throw error;
  }

  await written;
}

async function write(stream: PassThrough, text: string, written: Promise<void>): Promise<void> {
  if (!stream.write(text)) {
    await Promise.race([once(stream, 'drain'), written]);
  }
}
