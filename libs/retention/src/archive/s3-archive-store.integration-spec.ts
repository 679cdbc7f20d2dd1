import { randomUUID } from 'node:crypto';

import { GetObjectCommand, HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { AuthContext } from '@compliance/contracts';
import { buildAuthContext } from '@compliance/testing';

import { countRows, exists, seedContact } from '../testing/crm-test-records';
import { openRetentionTestBed, RetentionTestBed } from '../testing/retention-test-bed';
import { startS3TestServer, S3TestServer } from '../testing/s3-test-server';
import { decodeArchive, encodeArchive } from './archive-codec';
import { ArchiveStore } from './archive-store';
import { S3ArchiveStore } from './s3-archive-store';

/** The store a run writes to, switched per test: the bucket, a missing one, a corrupting one. */
class SwitchedStore implements ArchiveStore {
  target: ArchiveStore | undefined;

  write(key: string, body: Buffer): Promise<string> {
    return this.current().write(key, body);
  }

  read(key: string): Promise<Buffer> {
    return this.current().read(key);
  }

  remove(key: string): Promise<void> {
    return this.current().remove(key);
  }

  private current(): ArchiveStore {
    if (!this.target) throw new Error('no archive store chosen for this test');
    return this.target;
  }
}

/** Uploads another archive than the one it is given, as a broken proxy or disk would. */
class CorruptingStore implements ArchiveStore {
  constructor(private readonly inner: ArchiveStore) {}

  write(key: string): Promise<string> {
    return this.inner.write(key, encodeArchive([{ entity: 'contact', id: 'x', record: {} }]).body);
  }

  read(key: string): Promise<Buffer> {
    return this.inner.read(key);
  }

  remove(key: string): Promise<void> {
    return this.inner.remove(key);
  }
}

describe(S3ArchiveStore.name, () => {
  let s3: S3TestServer;
  let store: SwitchedStore;
  let bed: RetentionTestBed;
  let auth: AuthContext;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    store = new SwitchedStore();
    bed = await openRetentionTestBed(undefined, { store });
  });

  afterAll(async () => {
    await bed.close();
    await s3.close();
  });

  beforeEach(() => {
    auth = buildAuthContext();
    store.target = new S3ArchiveStore(s3.client, s3.bucket);
  });

  async function archivePolicy() {
    const created = await bed.policies.create(
      {
        name: `archive-${randomUUID()}`,
        entity: 'contact',
        periodDays: 365,
        dateField: 'created_at',
        method: 'archive',
        conditions: [],
        schedule: '0 2 * * *',
        active: true,
        softDeleteColumn: null,
      },
      auth,
    );
    const row = await bed.policies.row(created.id, auth.companyId);
    return (await bed.runs.start(row, auth, { trigger: 'cli' }))!;
  }

  async function logsOf(runId: string) {
    const logs = await bed.logs.list({ runId, limit: 50, offset: 0 }, auth);
    return new Map(logs.items.map((log) => [log.entity, log]));
  }

  /** Where the executor puts a run's first batch: company prefix, policy, run, batch. */
  function firstBatchKey(run: { id: string; policy_id: string }): string {
    return `${auth.companyId}/${run.policy_id}/${run.id}/000000.jsonl.gz`;
  }

  it('should write each batch to the bucket under the company prefix, then delete', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, {
      ageDays: 400,
      leads: 1,
      activities: 2,
    });
    const run = await archivePolicy();

    const outcome = await bed.executor.execute(run.id);
    const logs = await logsOf(run.id);
    const key = firstBatchKey(run);
    const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const records = decodeArchive(Buffer.from(await object.Body!.transformToByteArray()));

    expect(outcome.status).toBe('completed');
    expect(logs.get('contact')?.archiveLocation).toBe(`s3://${s3.bucket}/${key}`);
    // The contact, its lead and its two activities, one JSON line each.
    expect(records).toHaveLength(4);
    expect(records.find((record) => record.entity === 'contact')?.record).toMatchObject({
      id: old.id,
      email: old.email,
    });
    expect(logs.get('activity')).toMatchObject({ archived: 2, deleted: 2 });
    expect(await exists(bed.dataSource, old.id)).toBe(false);
  });

  it('should delete nothing when the upload fails', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400, leads: 1 });
    store.target = new S3ArchiveStore(s3.client, 'no-such-bucket');
    const run = await archivePolicy();

    await expect(bed.executor.execute(run.id)).rejects.toThrow();

    expect((await logsOf(run.id)).get('contact')).toMatchObject({
      status: 'failed',
      deleted: 0,
      archived: 0,
    });
    expect(await exists(bed.dataSource, old.id)).toBe(true);
    expect(await countRows(bed.dataSource, 'leads', auth.companyId)).toBe(1);
  });

  it('should delete nothing and remove the object that does not read back as written', async () => {
    const old = await seedContact(bed.dataSource, auth.companyId, { ageDays: 400, activities: 1 });
    store.target = new CorruptingStore(new S3ArchiveStore(s3.client, s3.bucket));
    const run = await archivePolicy();

    await expect(bed.executor.execute(run.id)).rejects.toThrow(/did not read back as written/);

    expect((await logsOf(run.id)).get('contact')).toMatchObject({ status: 'failed', deleted: 0 });
    expect(await exists(bed.dataSource, old.id)).toBe(true);
    expect(await countRows(bed.dataSource, 'activities', auth.companyId)).toBe(1);
    await expect(
      s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: firstBatchKey(run) })),
    ).rejects.toBeInstanceOf(NotFound);
  });
});
