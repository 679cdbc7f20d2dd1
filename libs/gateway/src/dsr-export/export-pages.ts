import { ResponseOf, readDsrExportPage } from '@compliance/contracts';

export type ExportPart = ResponseOf<typeof readDsrExportPage>['parts'][number];

/** Reads the page starting at a cursor; the gateway's is a bus request. */
export type ExportPageReader = (cursor: number) => Promise<ResponseOf<typeof readDsrExportPage>>;

/** Every part of an export in order, one page in memory at a time. */
export async function* exportParts(read: ExportPageReader): AsyncGenerator<ExportPart> {
  for (let cursor: number | null = 0; cursor !== null;) {
    const page = await read(cursor);
    yield* page.parts;
    cursor = page.next;
  }
}
