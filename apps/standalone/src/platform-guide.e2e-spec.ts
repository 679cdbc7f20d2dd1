import { randomUUID } from 'node:crypto';

import request from 'supertest';

import { DocExample, recordDocExample } from '@compliance/testing';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';
import { BROKEN_POLICY, VALID_POLICY } from './e2e/policy-documents';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

/** The exchanges docs/platform.md shows, run for real and recorded for the guide. */
describe('platform guide examples', () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    key = await platform.createApiKey(randomUUID(), ['policy:read', 'audit:read']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  async function exchange(
    method: 'get' | 'post',
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<DocExample> {
    let call = request(platform.http)[method](path);

    for (const [name, value] of Object.entries(options.headers ?? {})) {
      call = call.set(name, value);
    }

    const response = await (options.body === undefined ? call : call.send(options.body as object));

    return {
      request: { method: method.toUpperCase(), path, headers: options.headers, body: options.body },
      response: { status: response.status, body: response.body as unknown },
    };
  }

  it('should record whoami', async () => {
    const example = await exchange('get', '/api/compliance/whoami', {
      headers: { 'X-API-Key': key },
    });

    expect(example.response.status).toBe(200);
    recordDocExample('whoami', example);
  });

  it('should record a request without a credential', async () => {
    const example = await exchange('get', '/api/compliance/policies/');

    expect(example.response.status).toBe(401);
    recordDocExample('no-credential', example);
  });

  it('should record a missing scope', async () => {
    const example = await exchange('post', '/api/compliance/policies/', {
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: { name: 'eu-baseline', document: VALID_POLICY },
    });

    expect(example.response.status).toBe(403);
    recordDocExample('missing-scope', example);
  });

  it('should record an unknown field', async () => {
    const admin = await platform.createApiKey(randomUUID(), ['admin']);
    const example = await exchange('post', '/api/compliance/policies/', {
      headers: { 'X-API-Key': admin, 'Content-Type': 'application/json' },
      body: { name: 'eu-baseline', document: VALID_POLICY, companyId: randomUUID() },
    });

    expect(example.response.status).toBe(400);
    recordDocExample('unknown-field', example);
  });

  it('should record validating a broken policy and the audit entry it leaves', async () => {
    const validation = await exchange('post', '/api/compliance/policies/validate/', {
      headers: { 'X-API-Key': key, 'Content-Type': 'application/yaml' },
      body: BROKEN_POLICY,
    });
    const audit = await exchange('get', '/api/compliance/audit/?action=policy.validated', {
      headers: { 'X-API-Key': key },
    });

    expect(validation.response.status).toBe(200);
    expect(audit.response.status).toBe(200);
    recordDocExample('validate-broken-policy', validation);
    recordDocExample('audit-list', audit);
  });
});
