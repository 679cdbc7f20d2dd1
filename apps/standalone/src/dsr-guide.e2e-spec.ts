import { randomUUID } from 'node:crypto';

import { recordDocExample } from '@compliance/testing';

import { docExchange } from './e2e/doc-exchange';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const ROUTE = '/api/compliance/dsr-requests/';

const ERASURE = {
  type: 'erasure',
  jurisdiction: 'gdpr',
  channel: 'web',
  requester: { name: 'Ada Lovelace', relation: 'subject' },
  identifiers: [
    { kind: 'email', value: 'ada@example.com' },
    { kind: 'phone', value: '+44 20 7946 0018' },
  ],
};

/**
 * The exchanges docs/data-subject-requests.md shows, run for real and recorded for the
 * guide. Only intake and the steps before processing: each test has a company of its own,
 * so lists and duplicates see that test's requests alone.
 */
describe('data subject requests guide examples', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  async function freshCompany(): Promise<Record<string, string>> {
    const key = await platform.createApiKey(randomUUID(), ['dsr:read', 'dsr:write']);
    return { 'X-API-Key': key };
  }

  async function create(headers: Record<string, string>, body: object): Promise<string> {
    const example = await docExchange(platform, 'post', ROUTE, { headers, body });

    expect(example.response.status).toBe(201);
    return (example.response.body as { id: string }).id;
  }

  it('should record the intake of an erasure request', async () => {
    const headers = await freshCompany();
    const example = await docExchange(platform, 'post', ROUTE, { headers, body: ERASURE });

    expect(example.response).toMatchObject({
      status: 201,
      body: { status: 'received', duplicateOf: null, tasks: [] },
    });
    recordDocExample('dsr-create', example);
  });

  it('should record a second open request for the same subject flagged as a duplicate', async () => {
    const headers = await freshCompany();
    const first = await create(headers, ERASURE);
    const example = await docExchange(platform, 'post', ROUTE, {
      headers,
      body: {
        type: 'erasure',
        channel: 'email',
        identifiers: [{ kind: 'email', value: 'ada@example.com' }],
      },
    });

    expect(example.response).toMatchObject({ status: 201, body: { duplicateOf: first } });
    recordDocExample('dsr-create-duplicate', example);
  });

  it('should record an objection to marketing', async () => {
    const headers = await freshCompany();
    const example = await docExchange(platform, 'post', ROUTE, {
      headers,
      body: {
        type: 'objection',
        jurisdiction: 'ccpa',
        identifiers: [{ kind: 'external_id', value: 'crm-42' }],
        purposes: ['marketing'],
      },
    });

    expect(example.response).toMatchObject({ status: 201, body: { purposes: ['marketing'] } });
    recordDocExample('dsr-create-objection', example);
  });

  it('should record the verification of every identifier', async () => {
    const headers = await freshCompany();
    const id = await create(headers, ERASURE);
    const example = await docExchange(platform, 'post', `${ROUTE}${id}/verify/`, {
      headers,
      body: {
        verifications: [
          { index: 0, method: 'email_link', verifiedAt: '2025-01-31T10:05:00Z' },
          { index: 1, method: 'sms_code', verifiedAt: '2025-01-31T10:07:00Z' },
        ],
      },
    });

    expect(example.response).toMatchObject({ status: 200, body: { status: 'verified' } });
    recordDocExample('dsr-verify', example);
  });

  it('should record a request with its tasks', async () => {
    const headers = await freshCompany();
    const id = await create(headers, { ...ERASURE, type: 'access' });
    const example = await docExchange(platform, 'get', `${ROUTE}${id}/`, { headers });

    expect(example.response).toMatchObject({ status: 200, body: { id, type: 'access' } });
    recordDocExample('dsr-get', example);
  });

  it('should record a list filtered by status', async () => {
    const headers = await freshCompany();
    await create(headers, {
      type: 'rectification',
      identifiers: [{ kind: 'email', value: 'ada@example.com' }],
      changes: { name_encrypted: 'Augusta Ada King' },
    });
    const example = await docExchange(platform, 'get', `${ROUTE}?status=received&limit=10`, {
      headers,
    });

    expect(example.response).toMatchObject({ status: 200, body: { total: 1 } });
    recordDocExample('dsr-list', example);
  });

  it('should record a rejection with its reason', async () => {
    const headers = await freshCompany();
    const id = await create(headers, ERASURE);
    const example = await docExchange(platform, 'patch', `${ROUTE}${id}/`, {
      headers,
      body: { status: 'rejected', reason: 'the requester could not prove their identity' },
    });

    expect(example.response).toMatchObject({ status: 200, body: { status: 'rejected' } });
    recordDocExample('dsr-reject', example);
  });

  it('should record the one extension of a GDPR deadline', async () => {
    const headers = await freshCompany();
    const id = await create(headers, ERASURE);
    const path = `${ROUTE}${id}/extend/`;
    const body = { months: 2, reason: 'the request spans several systems' };
    const example = await docExchange(platform, 'post', path, { headers, body });
    const again = await docExchange(platform, 'post', path, { headers, body });

    expect(example.response).toMatchObject({
      status: 200,
      body: { extensionReason: 'the request spans several systems' },
    });
    expect(again.response.status).toBe(409);
    recordDocExample('dsr-extend', example);
    recordDocExample('dsr-extend-twice', again);
  });

  it('should record the company setting its DSR contact address', async () => {
    const headers = await freshCompany();
    const path = '/api/compliance/dsr-contact/';
    const set = await docExchange(platform, 'put', path, {
      headers,
      body: { email: 'privacy@example.com' },
    });
    const read = await docExchange(platform, 'get', path, { headers });

    expect(set.response).toMatchObject({ status: 200, body: { maskedEmail: 'p***m' } });
    expect(read.response.body).toEqual(set.response.body);
    recordDocExample('dsr-contact-set', set);
  });

  it('should record the refusal to extend a request under the default rule', async () => {
    const headers = await freshCompany();
    const id = await create(headers, { ...ERASURE, jurisdiction: 'default' });
    const example = await docExchange(platform, 'post', `${ROUTE}${id}/extend/`, {
      headers,
      body: { reason: 'the request spans several systems' },
    });

    expect(example.response.status).toBe(409);
    recordDocExample('dsr-extend-default', example);
  });
});
