import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

import { configureLogging } from '@compliance/logging';
import { openDataSource } from '@compliance/persistence';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { removeDataDir, startEmbeddedPlatform } from './e2e/platform-harness';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

/** Every log line the platform writes during the suite, to search for leaked values. */
class LogCapture extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('secrets vault through the gateway (embedded)', () => {
  const logs = new LogCapture();
  const value = `s3cr3t-${randomUUID()}`;
  let platform: Platform;
  let database: DataSource;
  let companyId: string;
  let admin: string;
  let reader: string;
  let secretId: string;

  beforeAll(async () => {
    configureLogging('trace', logs);
    platform = await startEmbeddedPlatform();
    database = await openDataSource({
      endpoint: platform.endpoint,
      entities: [],
      poolSize: 1,
      applicationName: 'vault-e2e',
    });
    companyId = randomUUID();
    admin = await platform.createApiKey(companyId, ['admin']);
    reader = await platform.createApiKey(companyId, ['secrets:read', 'secrets:write']);

    const created = await request(platform.http)
      .post('/api/compliance/secrets/')
      .set('X-API-Key', admin)
      .send({ name: 'crm/smtp/password', ownerService: 'crm-mail', value, tags: ['smtp'] })
      .expect(201);
    secretId = created.body.id;
  });

  afterAll(async () => {
    await database.destroy();
    await platform.close();
    await removeDataDir(platform.dataDir);
    configureLogging('silent');
  });

  it('should reveal a value to a caller with the scope and a reason, and log it', async () => {
    const revealed = await request(platform.http)
      .get(`/api/compliance/secrets/${secretId}/reveal/`)
      .query({ reason: 'rotating the SMTP relay' })
      .set('X-API-Key', admin)
      .expect(200);

    expect(revealed.body).toEqual({ id: secretId, name: 'crm/smtp/password', version: 1, value });
    expect(revealed.headers['cache-control']).toBe('no-store');

    const log = await request(platform.http)
      .get('/api/compliance/secret-logs/')
      .query({ secretId })
      .set('X-API-Key', reader)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      action: 'reveal',
      outcome: 'success',
      version: 1,
      reason: 'rotating the SMTP relay',
    });
  });

  it('should answer 403 to a reveal without the scope and leave a denied entry', async () => {
    await request(platform.http)
      .get(`/api/compliance/secrets/${secretId}/reveal`)
      .query({ reason: 'just looking' })
      .set('X-API-Key', reader)
      .expect(403);

    const log = await request(platform.http)
      .get('/api/compliance/secret-logs')
      .set('X-API-Key', reader)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      secretId,
      action: 'reveal',
      outcome: 'denied',
      reason: 'just looking',
    });

    const audit = await request(platform.http)
      .get('/api/compliance/audit/')
      .set('X-API-Key', admin)
      .expect(200);
    expect(JSON.stringify(audit.body)).toContain('secret.reveal');
  });

  it('should refuse a reveal without a reason', async () => {
    await request(platform.http)
      .get(`/api/compliance/secrets/${secretId}/reveal`)
      .set('X-API-Key', admin)
      .expect(400);
  });

  it('should rotate, list versions and roll back, never showing a value', async () => {
    const rotated = await request(platform.http)
      .post(`/api/compliance/secrets/${secretId}/rotate/`)
      .set('X-API-Key', admin)
      .send({})
      .expect(200);
    expect(rotated.body).toMatchObject({ outcome: 'rotated', secret: { currentVersion: 2 } });

    const versions = await request(platform.http)
      .get(`/api/compliance/secrets/${secretId}/versions`)
      .set('X-API-Key', admin)
      .expect(200);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[1].readableUntil).toEqual(expect.any(String));

    const rolledBack = await request(platform.http)
      .post(`/api/compliance/secrets/${secretId}/rollback`)
      .set('X-API-Key', admin)
      .send({ toVersion: 1 })
      .expect(200);
    expect(rolledBack.body.currentVersion).toBe(1);

    const list = await request(platform.http)
      .get('/api/compliance/secrets')
      .set('X-API-Key', admin)
      .expect(200);
    const detail = await request(platform.http)
      .get(`/api/compliance/secrets/${secretId}`)
      .set('X-API-Key', admin)
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(JSON.stringify([list.body, detail.body, versions.body, rotated.body])).not.toContain(
      value,
    );
  });

  it('should keep values out of error bodies', async () => {
    const conflict = await request(platform.http)
      .post('/api/compliance/secrets')
      .set('X-API-Key', admin)
      .send({ name: 'crm/smtp/password', ownerService: 'crm-mail', value })
      .expect(409);
    const invalid = await request(platform.http)
      .post('/api/compliance/secrets')
      .set('X-API-Key', admin)
      .send({ name: '../bad name', ownerService: 'crm-mail', value })
      .expect(400);

    expect(JSON.stringify([conflict.body, invalid.body])).not.toContain(value);
  });

  it('should answer 503 and no value when the audit trail refuses the entry', async () => {
    await database.query(`
      CREATE FUNCTION audit.refuse_entries() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit trail unavailable'; END $$`);
    await database.query(`
      CREATE TRIGGER refuse_entries BEFORE INSERT ON audit.audit_entries
      FOR EACH ROW EXECUTE FUNCTION audit.refuse_entries()`);

    try {
      const response = await request(platform.http)
        .get(`/api/compliance/secrets/${secretId}/reveal`)
        .query({ reason: 'incident response' })
        .set('X-API-Key', admin)
        .expect(503);

      expect(JSON.stringify(response.body)).not.toContain(value);
      expect(response.body.value).toBeUndefined();
    } finally {
      await database.query('DROP TRIGGER refuse_entries ON audit.audit_entries');
      await database.query('DROP FUNCTION audit.refuse_entries()');
    }

    const log = await request(platform.http)
      .get('/api/compliance/secret-logs')
      .query({ secretId })
      .set('X-API-Key', reader)
      .expect(200);
    expect(
      log.body.items.some(
        (entry: { reason: string | null }) => entry.reason === 'incident response',
      ),
    ).toBe(false);
  });

  it('should never write a value to the logs', () => {
    expect(logs.text.length).toBeGreaterThan(0);
    expect(logs.text).toContain('secret revealed');
    expect(logs.text).not.toContain(value);
  });
});
