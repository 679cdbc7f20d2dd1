import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { dump } from 'js-yaml';
import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const VALID = readFileSync(
  join(__dirname, '../../../libs/policy/examples/valid/eu-baseline.yaml'),
  'utf8',
);

/** Pieces YAML parsers stumble on: anchors, merge keys, tags, flow brackets, odd bytes. */
const TOKENS = [
  'apiVersion: compliance.crm/v1',
  'kind: CompliancePolicy',
  'spec:',
  'retention:',
  'rules:',
  'residency:',
  'exceptions:',
  '- ',
  '  ',
  '    ',
  '\n',
  '\t',
  ':',
  ': ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '|',
  '>-',
  '#',
  '---',
  '...',
  '&a ',
  '*a',
  '<<: *a',
  '!!binary',
  '!!js/function',
  '!!python/object',
  '!<tag:x>',
  '%YAML 1.2',
  '? ',
  'P3Y',
  'P-1D',
  'PT',
  '9e999',
  '0x1F',
  '~',
  'null',
  'true',
  '2099-13-45',
  'eu-west-1',
  'entity: contact',
  'period:',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\\x00',
  '💥',
] as const;

const tokenSoup = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 60 })
  .map((tokens) => tokens.join(''));

/** A valid policy with a slice cut, a token dropped in, or a line repeated. */
const mutatedPolicy = fc
  .tuple(
    fc.nat({ max: VALID.length }),
    fc.nat({ max: 80 }),
    fc.constantFrom(...TOKENS),
    fc.constantFrom('cut', 'insert', 'repeat'),
  )
  .map(([at, length, token, how]) => {
    if (how === 'cut') {
      return VALID.slice(0, at) + VALID.slice(at + length);
    }
    if (how === 'insert') {
      return VALID.slice(0, at) + token + VALID.slice(at);
    }
    const lines = VALID.split('\n');
    const line = at % lines.length;
    return [
      ...lines.slice(0, line),
      ...lines.slice(line, line + 1 + (length % 4)),
      ...lines.slice(line),
    ].join('\n');
  });

/** Well-formed YAML of the wrong shape: any JSON value where the spec should be. */
const wrongShape = fc.jsonValue({ maxDepth: 4 }).map((spec) =>
  dump({
    apiVersion: 'compliance.crm/v1',
    kind: 'CompliancePolicy',
    metadata: { name: 'x' },
    spec,
  }),
);

const anyDocument = fc.oneof(tokenSoup, mutatedPolicy, wrongShape, fc.string({ maxLength: 200 }));

describe('policy endpoints under malformed input', () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform(undefined, { RATE_LIMIT_PER_MINUTE: '100000' });
    key = await platform.createApiKey(randomUUID(), ['admin']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should answer POST /policies/validate/ with 200 or 4xx, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyDocument, fc.boolean(), async (document, asJson) => {
        const call = request(platform.http)
          .post('/api/compliance/policies/validate/')
          .set('X-API-Key', key);
        const response = asJson
          ? await call.set('Content-Type', 'application/json').send(JSON.stringify({ document }))
          : await call.set('Content-Type', 'text/plain').send(document);

        expect(response.status === 200 || (response.status >= 400 && response.status < 500)).toBe(
          true,
        );
        if (response.status === 200) {
          expect(typeof response.body.valid).toBe('boolean');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('should answer POST /policies/ with 201 or 4xx, never 500, for any document', async () => {
    const body = fc.oneof(
      anyDocument.map((document) => ({ name: `fuzz-${randomUUID()}`, document })),
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ name: fc.string({ maxLength: 300 }), document: fc.jsonValue({ maxDepth: 2 }) }),
    );

    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await request(platform.http)
          .post('/api/compliance/policies/')
          .set('X-API-Key', key)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));

        expect(response.status === 201 || (response.status >= 400 && response.status < 500)).toBe(
          true,
        );
      }),
      { numRuns: 150 },
    );
  });
});
