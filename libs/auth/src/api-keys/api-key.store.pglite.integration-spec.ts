import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  EmbeddedDatabase,
  openDataSource,
  openEmbeddedDatabase,
  runMigrations,
} from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { authMigrations } from '../migrations/auth.migrations';
import { ApiKeyStore } from './api-key.store';

describe(`${ApiKeyStore.name} on embedded PGlite`, () => {
  let dataDir: string;
  let database: EmbeddedDatabase;
  let dataSource: DataSource;
  let store: ApiKeyStore;

  // Starting PGlite takes several seconds, beyond Jest's default hook timeout.
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'auth-pglite-'));
    database = await openEmbeddedDatabase(dataDir);
    await runMigrations(database.endpoint, [authMigrations]);

    dataSource = await openDataSource({
      endpoint: database.endpoint,
      entities: [],
      poolSize: 2,
      applicationName: 'auth-pglite-spec',
    });
    store = new ApiKeyStore(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should create, verify, record use of and revoke a key', async () => {
    const companyId = randomUUID();
    const created = await store.create({
      companyId,
      name: 'embedded',
      scopes: ['admin'],
      createdBy: 'user-1',
    });

    const verified = await store.verify(created.key);
    const [row] = await dataSource.query<{ json: string; last_used_at: Date | null }[]>(
      'SELECT row_to_json(k)::text AS json, last_used_at FROM auth.api_keys k WHERE id = $1',
      [created.id],
    );

    expect(verified).toMatchObject({ id: created.id, companyId, scopes: ['admin'] });
    expect(row.json).not.toContain(created.key);
    expect(row.last_used_at).toBeInstanceOf(Date);

    await store.revoke(companyId, created.id);

    await expect(store.verify(created.key)).resolves.toBeNull();
    await expect(store.revoke(randomUUID(), created.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
