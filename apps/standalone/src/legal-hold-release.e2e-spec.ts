import { randomUUID } from 'node:crypto';

import request from 'supertest';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

/**
 * Releasing a hold that is not there to release, on the embedded database: its one
 * session must not be left waiting on itself, so the answer comes and the platform goes on.
 */
describe('legal hold release on the embedded platform', () => {
  let platform: Platform;
  let key: string;
  let otherKey: string;

  const api = (method: 'get' | 'post' | 'delete', path: string, as = key) =>
    request(platform.http)[method](`/api/compliance${path}`).set('X-API-Key', as);

  beforeAll(async () => {
    // A short bus timeout: a stuck release would answer 504 rather than hang the suite.
    platform = await startEmbeddedPlatform(undefined, { REQUEST_TIMEOUT_MS: '3000' });
    key = await platform.createApiKey(randomUUID(), ['admin']);
    otherKey = await platform.createApiKey(randomUUID(), ['admin']);
  });

  afterAll(async () => {
    await platform?.close();
    await removeDataDir(platform?.dataDir);
  });

  it('should answer 409 to a second release and 404 to another company’s, then go on', async () => {
    const hold = await api('post', '/legal-holds/')
      .send({
        reason: 'litigation 2026-041',
        scope: 'subject',
        subject: { kind: 'email', value: 'ada@example.com' },
      })
      .expect(201);

    await api('delete', `/legal-holds/${hold.body.id}/`).expect(200);
    const again = await api('delete', `/legal-holds/${hold.body.id}/`).expect(409);
    expect(again.body.message).toBe('the legal hold is already released');
    await api('delete', `/legal-holds/${hold.body.id}/`, otherKey).expect(404);
    await api('delete', `/legal-holds/${randomUUID()}/`).expect(404);

    // The platform answers on: the released hold has left the active list, and reads back.
    const active = await api('get', '/legal-holds/').expect(200);
    expect(active.body.items).toEqual([]);
    const released = await api('get', `/legal-holds/${hold.body.id}/`).expect(200);
    expect(released.body.releasedAt).toEqual(expect.any(String));
  });
});
