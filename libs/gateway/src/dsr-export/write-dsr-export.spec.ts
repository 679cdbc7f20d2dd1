import { PassThrough } from 'node:stream';

import { fromBuffer, Entry, ZipFile } from 'yauzl';

import { csvLine } from './csv-line';
import { ExportPageReader } from './export-pages';
import { writeDsrExport } from './write-dsr-export';

const PAGES = [
  {
    parts: [
      { connector: 'crm', entity: 'contact', records: [{ id: 'c1', email: 'ada@example.com' }] },
      { connector: 'crm', entity: 'note', records: [{ id: 'n1', body: 'said "hi", then left' }] },
    ],
    next: 2,
  },
  {
    parts: [
      { connector: 'crm', entity: 'note', records: [{ id: 'n2', body: '=HYPERLINK()', x: 1 }] },
    ],
    next: null,
  },
];

const readPages: ExportPageReader = async (cursor) => PAGES[cursor === 0 ? 0 : 1];

async function written(format: 'json' | 'zip'): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));

  await writeDsrExport('request-1', format, readPages, output);
  return Buffer.concat(chunks);
}

async function unzip(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(buffer, { lazyEntries: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const files: Record<string, string> = {};

  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) {
          return reject(error);
        }

        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
          zip.readEntry();
        });
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });

  return files;
}

describe('writeDsrExport', () => {
  it('should write one CSV file per connector and entity in a zip', async () => {
    const files = await unzip(await written('zip'));

    expect(Object.keys(files)).toEqual(['crm/contact.csv', 'crm/note.csv']);
    expect(files['crm/contact.csv']).toBe('id,email,other\r\nc1,ada@example.com,\r\n');
    expect(files['crm/note.csv']).toBe(
      'id,body,other\r\nn1,"said ""hi"", then left",\r\n' + `n2,'=HYPERLINK(),"{""x"":1}"\r\n`,
    );
  });

  it('should write the export as one JSON document grouped by connector and entity', async () => {
    const document = JSON.parse((await written('json')).toString('utf8'));

    expect(document).toEqual({
      requestId: 'request-1',
      sources: [
        { connector: 'crm', entity: 'contact', records: [{ id: 'c1', email: 'ada@example.com' }] },
        {
          connector: 'crm',
          entity: 'note',
          records: [
            { id: 'n1', body: 'said "hi", then left' },
            { id: 'n2', body: '=HYPERLINK()', x: 1 },
          ],
        },
      ],
    });
  });

  it('should write an empty export as a document with no sources', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));

    await writeDsrExport('empty', 'json', async () => ({ parts: [], next: null }), output);

    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({
      requestId: 'empty',
      sources: [],
    });
  });
});

describe('csvLine', () => {
  it('should leave numbers alone and quote only what needs quoting', () => {
    expect(csvLine([-5, 'plain', null, 'a,b', '+1 555', { k: 'v' }])).toBe(
      `-5,plain,,"a,b",'+1 555,"{""k"":""v""}"\r\n`,
    );
  });
});
