import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import { ServiceError } from '@compliance/contracts';
import { configureLogging } from '@compliance/logging';

import { generateApiKey } from '../api-keys/api-key-format';
import { ApiKeySummary, ApiKeyVerification } from '../api-keys/api-key.types';
import { loadJose } from '../jwt/jose.loader';
import { JwtVerifier } from '../jwt/jwt.verifier';
import { Authenticator, UNAUTHENTICATED_MESSAGE } from './authenticator.service';

const SECRET = randomBytes(32).toString('hex');
const COMPANY_ID = randomUUID();
const REQUEST_ID = 'req-1';

function keyRecord(overrides: Partial<ApiKeySummary> = {}): ApiKeySummary {
  return {
    id: randomUUID(),
    prefix: '0123456789abcdef',
    companyId: COMPANY_ID,
    name: 'CRM sync',
    scopes: ['policy:read'],
    createdBy: 'user-9',
    createdAt: new Date(),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A store that knows exactly one key. */
function storeKnowing(key: string, record: ApiKeySummary): ApiKeyVerification {
  return { verify: async (candidate) => (candidate === key ? record : null) };
}

async function signToken(claims: Record<string, unknown>): Promise<string> {
  const { SignJWT } = await loadJose();

  return new SignJWT({ company_id: COMPANY_ID, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-1')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
}

function captureLogs(): string[] {
  const lines: string[] = [];
  configureLogging(
    'debug',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return lines;
}

describe(Authenticator.name, () => {
  const { key } = generateApiKey();
  const record = keyRecord();
  const verifier = new JwtVerifier({
    jwtSecret: SECRET,
    jwksUrl: undefined,
    issuer: undefined,
    audience: undefined,
  });
  const authenticator = new Authenticator(storeKnowing(key, record), verifier);

  afterEach(() => configureLogging('silent'));

  async function refusal(attempt: Promise<unknown>): Promise<ServiceError> {
    const error = await attempt.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }

  it('should accept an API key sent as a bearer token', async () => {
    const context = await authenticator.authenticate(
      { authorization: `Bearer ${key}` },
      REQUEST_ID,
    );

    expect(context).toEqual({
      requestId: REQUEST_ID,
      companyId: COMPANY_ID,
      actor: { type: 'api_key', id: record.id },
      scopes: ['policy:read'],
    });
  });

  it('should accept an API key sent in X-API-Key', async () => {
    const context = await authenticator.authenticate({ apiKey: key }, REQUEST_ID);

    expect(context.actor).toEqual({ type: 'api_key', id: record.id });
  });

  it('should accept a JWT and name its subject as the acting user', async () => {
    const token = await signToken({ scope: 'dsr:read' });

    const context = await authenticator.authenticate({ authorization: `bearer ${token}` }, 'r-2');

    expect(context).toEqual({
      requestId: 'r-2',
      companyId: COMPANY_ID,
      actor: { type: 'user', id: 'user-1' },
      scopes: ['dsr:read'],
    });
  });

  it.each([
    ['no credential', {}],
    ['an empty header', { authorization: '  ' }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['a bearer without a token', { authorization: 'Bearer' }],
    ['two credentials', { authorization: `Bearer ${key}`, apiKey: key }],
    ['an unknown API key', { apiKey: generateApiKey().key }],
    ['a JWT with a bad signature', { authorization: 'Bearer e30.e30.c2ln' }],
  ])('should refuse %s with the same neutral message', async (_case, headers) => {
    const error = await refusal(authenticator.authenticate(headers, REQUEST_ID));

    expect(error.code).toBe('unauthenticated');
    expect(error.message).toBe(UNAUTHENTICATED_MESSAGE);
  });

  it('should refuse a JWT when no JWT verification is configured', async () => {
    const withoutJwt = new Authenticator(storeKnowing(key, record));
    const token = await signToken({});

    const error = await refusal(withoutJwt.authenticate({ authorization: `Bearer ${token}` }, 'r'));

    expect(error.code).toBe('unauthenticated');
  });

  it('should keep a refused credential out of the error and the log', async () => {
    const lines = captureLogs();
    const stranger = generateApiKey().key;

    const error = await refusal(authenticator.authenticate({ apiKey: stranger }, REQUEST_ID));

    expect(error.message).not.toContain(stranger);
    expect(lines.join('')).toContain('unknown_or_revoked');
    expect(lines.join('')).not.toContain(stranger);
  });

  it('should let a failure of the key store through as it is', async () => {
    const broken = new Authenticator({
      verify: async () => {
        throw new Error('connection refused');
      },
    });

    await expect(broken.authenticate({ apiKey: key }, REQUEST_ID)).rejects.toThrow(
      'connection refused',
    );
  });
});
