import { randomUUID } from 'node:crypto';

import { ServiceError } from '@compliance/contracts';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { authMigrations } from '../migrations/auth.migrations';
import { hashApiKey } from './api-key-format';
import { ApiKeyStore } from './api-key.store';
import { NewApiKey } from './api-key.types';

function newKey(overrides: Partial<NewApiKey> = {}): NewApiKey {
  return {
    companyId: randomUUID(),
    name: 'CRM sync',
    scopes: ['policy:read', 'dsr:write'],
    createdBy: 'user-1',
    ...overrides,
  };
}

async function caught(attempt: Promise<unknown>): Promise<ServiceError> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe(ApiKeyStore.name, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: ApiKeyStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [authMigrations]);

    dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 2,
      applicationName: 'auth-integration-spec',
    });
    store = new ApiKeyStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** The whole stored row as text, so a test can search every column at once. */
  async function storedRow(id: string): Promise<{ json: string; key_hash: string }> {
    const [row] = await dataSource.query<{ json: string; key_hash: string }[]>(
      'SELECT row_to_json(k)::text AS json, key_hash FROM auth.api_keys k WHERE id = $1',
      [id],
    );
    return row;
  }

  it('should show the key once and store only its hash', async () => {
    const created = await store.create(newKey());
    const secret = created.key.split('_').slice(2).join('_');

    const row = await storedRow(created.id);

    expect(created.key.startsWith(`ck_${created.prefix}_`)).toBe(true);
    expect(row.key_hash).toBe(hashApiKey(created.key));
    expect(row.json).not.toContain(created.key);
    expect(row.json).not.toContain(secret);
  });

  it('should verify a genuine key and return its record without secrets', async () => {
    const input = newKey();
    const created = await store.create(input);

    const record = await store.verify(created.key);

    expect(record).toMatchObject({
      id: created.id,
      companyId: input.companyId,
      scopes: ['policy:read', 'dsr:write'],
      revokedAt: null,
    });
    expect(JSON.stringify(record)).not.toContain(created.key);
    expect(record).not.toHaveProperty('keyHash');
  });

  it('should refuse a wrong secret behind a real prefix, and text that is no key', async () => {
    const created = await store.create(newKey());
    const tampered = `${created.key.slice(0, -2)}${created.key.endsWith('AA') ? 'BB' : 'AA'}`;

    await expect(store.verify(tampered)).resolves.toBeNull();
    await expect(store.verify(`ck_${created.prefix}_short`)).resolves.toBeNull();
    await expect(store.verify('ck_0000000000000000_' + 'A'.repeat(43))).resolves.toBeNull();
  });

  it('should refuse a revoked key', async () => {
    const input = newKey();
    const created = await store.create(input);

    const revoked = await store.revoke(input.companyId, created.id);

    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(store.verify(created.key)).resolves.toBeNull();
  });

  it("should answer not_found when revoking another company's key", async () => {
    const created = await store.create(newKey());

    const error = await caught(store.revoke(randomUUID(), created.id));

    expect(error.code).toBe('not_found');
    await expect(store.verify(created.key)).resolves.not.toBeNull();
  });

  it('should answer not_found for an id that is not a uuid', async () => {
    const error = await caught(store.revoke(randomUUID(), 'not-a-uuid'));

    expect(error.code).toBe('not_found');
  });

  it('should reject an unknown scope and name it', async () => {
    const error = await caught(store.create(newKey({ scopes: ['policy:read', 'crm:delete'] })));

    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('crm:delete');
    expect(error.details).toEqual([{ path: 'scopes.1', message: 'unknown scope "crm:delete"' }]);
  });

  it("should list a company's keys only, without hashes or keys", async () => {
    const companyId = randomUUID();
    const first = await store.create(newKey({ companyId, name: 'first' }));
    const second = await store.create(newKey({ companyId, name: 'second' }));
    await store.create(newKey());

    const listed = await store.list(companyId);

    expect(listed.map((key) => key.id).sort()).toEqual([first.id, second.id].sort());
    expect(JSON.stringify(listed)).not.toContain(first.key);
    expect(JSON.stringify(listed)).not.toMatch(/hash/i);
  });

  it('should record use at most once a minute', async () => {
    const created = await store.create(newKey());
    const lastUsed = async () => (await store.list(created.companyId))[0].lastUsedAt;

    await store.verify(created.key);
    const firstUse = await lastUsed();
    await store.verify(created.key);

    expect(firstUse).toBeInstanceOf(Date);
    expect(await lastUsed()).toEqual(firstUse);

    // Two minutes back: past the one-minute window, so the next use is written again.
    await dataSource.query(
      "UPDATE auth.api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1",
      [created.id],
    );
    await store.verify(created.key);

    expect((await lastUsed())?.getTime()).toBeGreaterThan(firstUse?.getTime() ?? 0);
  });
});
