import { once } from 'node:events';
import { Writable } from 'node:stream';

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

async function write(output: Writable, text: string): Promise<void> {
  if (output.destroyed) {
    throw new Error('the client closed the download');
  }

  if (!output.write(text)) {
    // A client gone mid-way never drains: its close ends the wait.
    await Promise.race([
      once(output, 'drain'),
      once(output, 'close').then(() => {
        throw new Error('the client closed the download');
      }),
    ]);
  }
}
