import { randomUUID } from 'node:crypto';

import { recordDocExample } from '@compliance/testing';

import { docExchange } from './e2e/doc-exchange';
import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

/** The exchanges docs/secrets-vault.md shows, run for real and recorded for the guide. */
describe('secrets vault guide examples', () => {
  let platform: Platform;
  let writer: string;
  let readerOnly: string;

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    const companyId = randomUUID();
    writer = await platform.createApiKey(companyId, [
      'secrets:read',
      'secrets:write',
      'secrets:reveal',
    ]);
    readerOnly = await platform.createApiKey(companyId, ['secrets:read']);
  });

  afterAll(async () => {
    await platform.close();
    await removeDataDir(platform.dataDir);
  });

  it('should record creating a secret, revealing it, a refused reveal and the log', async () => {
    const created = await docExchange(platform, 'post', '/api/compliance/secrets/', {
      headers: { 'X-API-Key': writer, 'Content-Type': 'application/json' },
      body: {
        name: 'crm/smtp/password',
        ownerService: 'crm-mail',
        allowedServices: ['crm-mail'],
        rotationSource: 'supplied',
        value: 'relay-password-1',
        rotationIntervalDays: 90,
        expiresAt: '2030-06-30T00:00:00Z',
        overlapHours: 24,
        notifyEmail: 'mail-team@example.com',
      },
    });
    const id = (created.response.body as { id: string }).id;
    const revealPath = `/api/compliance/secrets/${id}/reveal/?reason=rotating%20the%20relay`;
    const revealed = await docExchange(platform, 'get', revealPath, {
      headers: { 'X-API-Key': writer },
    });
    const refused = await docExchange(platform, 'get', revealPath, {
      headers: { 'X-API-Key': readerOnly },
    });
    const logs = await docExchange(platform, 'get', `/api/compliance/secret-logs/?secretId=${id}`, {
      headers: { 'X-API-Key': writer },
    });

    expect(created.response.status).toBe(201);
    expect(JSON.stringify(created.response.body)).not.toContain('relay-password-1');
    expect(JSON.stringify(created.response.body)).not.toContain('mail-team@example.com');
    expect(revealed.response).toMatchObject({ status: 200, body: { value: 'relay-password-1' } });
    expect(refused.response.status).toBe(403);
    expect(logs.response.status).toBe(200);
    recordDocExample('secret-create', created);
    recordDocExample('secret-reveal', revealed);
    recordDocExample('secret-reveal-denied', refused);
    recordDocExample('secret-logs', logs);
  });

  it('should record a rotation with a supplied value', async () => {
    const headers = { 'X-API-Key': writer, 'Content-Type': 'application/json' };
    const created = await docExchange(platform, 'post', '/api/compliance/secrets/', {
      headers,
      body: { name: 'crm/api/token', ownerService: 'crm-sync', value: 'token-1' },
    });
    const id = (created.response.body as { id: string }).id;
    const rotated = await docExchange(platform, 'post', `/api/compliance/secrets/${id}/rotate/`, {
      headers,
      body: { value: 'token-2' },
    });

    expect(rotated.response).toMatchObject({ status: 200, body: { outcome: 'rotated' } });
    recordDocExample('secret-rotate', rotated);
  });
});
