import { Writable } from 'node:stream';

import { writeToClient as write } from '../streaming/write-to-client';
import { ExportPart } from './export-pages';

/**
 * The export as one JSON document, `{"requestId", "sources": [{connector, entity,
 * records}]}`, written part by part and waiting on the client, never whole in memory.
 */
export async function writeExportJson(
  requestId: string,
  parts: AsyncIterable<ExportPart>,
  output: Writable,
): Promise<void> {
  let current: string | undefined;
  let first = true;

  await write(output, `{"requestId":${JSON.stringify(requestId)},"sources":[`);

  for await (const part of parts) {
    const name = `${part.connector}/${part.entity}`;

    if (name !== current) {
      const opening = JSON.stringify({ connector: part.connector, entity: part.entity });
      await write(output, `${current ? ']},' : ''}${opening.slice(0, -1)},"records":[`);
      current = name;
      first = true;
    }

    for (const record of part.records) {
      await write(output, `${first ? '' : ','}${JSON.stringify(record)}`);
      first = false;
    }
  }

  await write(output, `${current ? ']}' : ''}]}`);
  output.end();
}
