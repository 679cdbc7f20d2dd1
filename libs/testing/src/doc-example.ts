import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Request and response examples in the user guides come from the tests that run them.
 * A test records what it sent and got back; ids, times, hashes and keys are replaced by
 * stable placeholders so the example only changes when behaviour does. With
 * UPDATE_DOC_EXAMPLES=1 the files are rewritten; otherwise a difference fails the test,
 * and `doc-examples.spec.ts` checks that the guides quote the files exactly.
 */
export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'docs', 'examples');

export interface DocExample {
  request: { method: string; path: string; headers?: Record<string, string>; body?: unknown };
  response: { status: number; body: unknown };
}

const PLACEHOLDERS: [RegExp, string][] = [
  [/ck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/g, 'ck_<api key>'],
  [/\b[0-9a-f]{64}\b/g, '<sha-256>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})\b/g, '<timestamp>'],
];

export function normalise(value: unknown): unknown {
  let text = JSON.stringify(value, null, 2);

  for (const [pattern, placeholder] of PLACEHOLDERS) {
    text = text.replace(pattern, placeholder);
  }

  return JSON.parse(text);
}

/** How a guide shows an example: the HTTP exchange as a reader would type and see it. */
export function renderExample(example: DocExample): string {
  const { request, response } = example;
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  const body =
    request.body === undefined
      ? []
      : [
          '',
          typeof request.body === 'string'
            ? request.body.trimEnd()
            : JSON.stringify(request.body, null, 2),
        ];

  return [
    `${request.method} ${request.path}`,
    ...headers,
    ...body,
    '',
    `HTTP ${response.status}`,
    JSON.stringify(response.body, null, 2),
  ].join('\n');
}

export function recordDocExample(name: string, example: DocExample): void {
  const file = join(EXAMPLES_DIR, `${name}.json`);
  const normalised = normalise(example) as DocExample;
  const text = `${JSON.stringify(normalised, null, 2)}\n`;

  if (process.env.UPDATE_DOC_EXAMPLES === '1') {
    mkdirSync(EXAMPLES_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }

  if (!existsSync(file)) {
    throw new Error(`no recorded example ${name}: run the tests with UPDATE_DOC_EXAMPLES=1`);
  }

  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(normalised);
}
