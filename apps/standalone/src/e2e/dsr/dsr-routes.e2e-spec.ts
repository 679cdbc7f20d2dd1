import { randomUUID } from 'node:crypto';

import { CRM_MODULE, crmDataMap } from '@compliance/crm-sample';
import { openDataSource } from '@compliance/persistence';
import { waitFor } from '@compliance/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { removeDataDir, startEmbeddedPlatform } from '../platform-harness';
import { crmRows, seedSubject } from './crm-seed';
import { unzipText } from './unzip-text';

type Platform = Awaited<ReturnType<typeof startEmbeddedPlatform>>;

const VERIFIED_AT = '2025-01-31T10:00:00Z';
const EXTERNAL_ID = 'crm-42';

/**
 * Seeds the sample CRM on the platform's database. The contact is found by its external
 * id, a plain column: its sealed fields are another suite's concern, and a second key
 * ring opened on the embedded database would contend with the platform's own.
 */
async function seedCrm(dataSource: DataSource, companyId: string): Promise<void> {
  const contacts = {
    create: async () => {
      const [{ id }] = await dataSource.query<{ id: string }[]>(
        'INSERT INTO crm.contacts (company_id, external_id) VALUES ($1, $2) RETURNING id',
        [companyId, EXTERNAL_ID],
      );
      return id;
    },
  };
  await dataSource.query('INSERT INTO crm.companies (company_id, name) VALUES ($1, $2)', [
    companyId,
    'Analytical Engines Ltd',
  ]);
  await seedSubject(dataSource, contacts, companyId, 'unused@example.com');

  // The module announces new companies once a minute; register it for this one at once,
  // as its announcement would.
  const entities = crmDataMap.map.entities;
  await dataSource.query(
    `INSERT INTO dsr.connectors (company_id, connector, entities, categories)
     VALUES ($1, $2, $3, $4)`,
    [
      companyId,
      CRM_MODULE,
      JSON.stringify(entities.map((entity) => entity.name)),
      JSON.stringify([...new Set(entities.flatMap((e) => e.piiFields.map((f) => f.category)))]),
    ],
  );
}

describe('data subject request routes on the embedded platform', () => {
  let platform: Platform;
  let dataDir: string;
  let key: string;
  const companyId = randomUUID();

  beforeAll(async () => {
    platform = await startEmbeddedPlatform();
    dataDir = platform.dataDir;
    await withDatabase((database) => seedCrm(database, companyId));
    key = await platform.createApiKey(companyId, ['dsr:read', 'dsr:write', 'dsr:process']);
  }, 60_000);

  afterAll(async () => {
    await platform.close();
    await removeDataDir(dataDir);
  });

  /** A connection only while it is used: the embedded database serves one at a time. */
  async function withDatabase<T>(work: (database: DataSource) => Promise<T>): Promise<T> {
    const database = await openDataSource({
      endpoint: platform.endpoint,
      entities: [],
      poolSize: 1,
      applicationName: 'e2e-crm',
    });

    try {
      return await work(database);
    } finally {
      await database.destroy();
    }
  }

  const api = () => ({
    get: (path: string) =>
      request(platform.http)
        .get(`/api/compliance/dsr-requests${path}`)
        .set('Authorization', `Bearer ${key}`),
    post: (path: string, body: object = {}) =>
      request(platform.http)
        .post(`/api/compliance/dsr-requests${path}`)
        .set('Authorization', `Bearer ${key}`)
        .send(body),
  });

  /** Polls the request until its connectors are done with the current phase. */
  async function settled(id: string) {
    let view: { status: string; tasks: { action: string; status: string }[] } | undefined;

    await waitFor(async () => {
      view = (await api().get(`/${id}`).expect(200)).body;
      return view!.status !== 'in_progress';
    }, 30_000);

    return view!;
  }

  async function create(type: string) {
    const created = await api()
      .post('/', {
        type,
        jurisdiction: 'gdpr',
        channel: 'web',
        identifiers: [{ kind: 'external_id', value: EXTERNAL_ID }],
      })
      .expect(201);

    const verified = await api()
      .post(`/${created.body.id}/verify`, {
        verifications: [{ index: 0, method: 'account_login', verifiedAt: VERIFIED_AT }],
      })
      .expect(200);
    expect(verified.body.status).toBe('verified');

    return created.body.id as string;
  }

  it('should take a request through intake, verification, listing and correction', async () => {
    const id = await create('access');

    const listed = await api().get('/?status=verified').expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(id);

    const patched = await request(platform.http)
      .patch(`/api/compliance/dsr-requests/${id}`)
      .set('Authorization', `Bearer ${key}`)
      .send({ requesterName: 'Agent Smith' })
      .expect(200);
    expect(patched.body.requester.name).toBe('Agent Smith');

    // Nothing to export before the request ran.
    await api().get(`/${id}/export`).expect(409);
  });

  it('should process an access request and describe its export', async () => {
    const id = await create('access');

    await api().post(`/${id}/process`).expect(202);
    const done = await settled(id);

    expect(done.status).toBe('completed');
    const described = await api().get(`/${id}/export`).expect(200);
    // 1 contact + 2 leads + 2 deals + 4 notes + 3 activities + 1 invoice.
    expect(described.body.manifest.totalRecords).toBe(13);
    expect(described.body.downloadToken).toEqual(expect.any(String));
  });

  it('should stream a portability export once as a zip of CSV files per entity', async () => {
    const id = await create('portability');
    await api().post(`/${id}/process`).expect(202);
    expect((await settled(id)).status).toBe('completed');
    const described = await api().get(`/${id}/export?format=zip`).expect(200);
    const download = `/${id}/export/download?token=${described.body.downloadToken}`;

    const zip = await api()
      .get(download)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/zip');

    const files = await unzipText(zip.body as Buffer);
    expect(Object.keys(files).sort()).toEqual(
      ['activity', 'contact', 'deal', 'invoice', 'lead', 'note'].map(
        (entity) => `${CRM_MODULE}/${entity}.csv`,
      ),
    );
    expect(files[`${CRM_MODULE}/contact.csv`]).toContain(EXTERNAL_ID);
    await api().get(download).expect(404);
  });

  it('should erase the subject, then restore every record on rollback', async () => {
    const before = await withDatabase((database) => crmRows(database, companyId));
    const id = await create('erasure');

    await api().post(`/${id}/process`).expect(202);
    const erased = await settled(id);

    expect(erased.status).toBe('completed');
    expect(
      erased.tasks.map((t: { action: string; status: string }) => [t.action, t.status]),
    ).toEqual([
      ['erase', 'done'],
      ['recheck', 'done'],
    ]);
    const after = await withDatabase((database) => crmRows(database, companyId));
    expect(after.contacts).toHaveLength(0);

    await api().post(`/${id}/rollback`).expect(202);
    const restored = await settled(id);

    expect(restored.status).toBe('rolled_back');
    expect(await withDatabase((database) => crmRows(database, companyId))).toEqual(before);
  });

  it('should answer another company’s request as not found', async () => {
    const id = await create('access');
    const stranger = await platform.createApiKey(randomUUID(), ['dsr:read']);

    await request(platform.http)
      .get(`/api/compliance/dsr-requests/${id}`)
      .set('Authorization', `Bearer ${stranger}`)
      .expect(404);
  });
});
