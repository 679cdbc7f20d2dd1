import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { auditMigrations } from '@compliance/audit';
import { openDataSource, runMigrations } from '@compliance/persistence';
import {
  createRetentionToolkit,
  LocalArchiveStore,
  retentionMigrations,
  systemAuth,
} from '@compliance/retention';
import { DataSource } from 'typeorm';

import { benchSettings, machineSummary } from '../support/bench-settings';
import { CleanupStack } from '../support/cleanup-stack';
import { textTable } from '../support/text-table';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { ConcurrentWriter, LatencySummary } from './concurrent-writer';
import { BENCH_DATA_MAP, BENCH_TABLE_SQL, seedExpiredRows } from './seed-expired-rows';

const ROWS = 1_000_000;
const BATCH_SIZE = 100_000;
const PAUSE_MS = 2;
const P99_TARGET_MS = 50;

interface Phase {
  name: string;
  seconds: number;
  deleted: number;
  latency: LatencySummary;
}

/**
 * Purges 1,000,000 expired rows through the retention service's batched PostgreSQL path
 * and, in the same run on the same table, with one raw DELETE, while a second client
 * keeps inserting and updating rows of that table and times each of its statements.
 */
export async function runRetentionBench(): Promise<boolean> {
  const settings = benchSettings();
  const cleanup = new CleanupStack();
  const removeSignalHandlers = cleanup.cleanUpOnSignals();

  try {
    console.log(`machine: ${machineSummary()}`);
    console.log(
      `data: ${ROWS} expired rows per phase; batches of ${BATCH_SIZE}, ${PAUSE_MS} ms pause`,
    );

    const database = await createThrowawayDatabase(settings.postgresUrl);
    cleanup.defer('drop database', () => database.drop());
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [auditMigrations, retentionMigrations]);
    const dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 2,
      applicationName: 'bench-retention',
    });
    cleanup.defer('close pool', () => dataSource.destroy());
    await dataSource.query(BENCH_TABLE_SQL);

    const archiveDir = await mkdtemp(join(tmpdir(), 'bench-archives-'));
    cleanup.defer('remove archives', () => rm(archiveDir, { recursive: true, force: true }));
    const toolkit = createRetentionToolkit(dataSource, {
      settings: { batchSize: BATCH_SIZE, pauseMs: PAUSE_MS, cron: '0 2 * * *' },
      store: new LocalArchiveStore(archiveDir),
    });
    await toolkit.catalog.register(BENCH_DATA_MAP);

    const companyId = randomUUID();
    const writer = new ConcurrentWriter(database.url, companyId);

    progress('seeding rows for the raw DELETE');
    await seedExpiredRows(dataSource, companyId, ROWS);
    await writer.start();
    cleanup.defer('stop writer', () => writer.stop());

    const idle = await measureIdle(writer);
    const raw = await measureRawDelete(dataSource, writer, companyId);

    progress('seeding rows for the retention run');
    await seedExpiredRows(dataSource, companyId, ROWS);
    const batched = await measureRetention(toolkit, writer, companyId);

    const phases = [idle, raw, batched];
    console.log('');
    console.log(
      textTable(
        ['phase', 's', 'rows deleted', 'rows/s', 'writer stmts', 'p50 ms', 'p99 ms', 'max ms'],
        phases.map((phase) => [
          phase.name,
          phase.seconds.toFixed(2),
          String(phase.deleted),
          phase.deleted > 0 ? (phase.deleted / phase.seconds).toFixed(0) : '-',
          String(phase.latency.statements),
          phase.latency.p50.toFixed(2),
          phase.latency.p99.toFixed(2),
          phase.latency.max.toFixed(1),
        ]),
      ),
    );

    const ratio = raw.seconds / batched.seconds;
    const throughputOk = ratio >= 0.5 && batched.deleted === ROWS;
    const latencyOk = batched.latency.p99 < P99_TARGET_MS;

    console.log('');
    console.log(
      `retention throughput is ${(ratio * 100).toFixed(0)}% of the raw DELETE ` +
        `(target >= 50%): ${throughputOk ? 'met' : 'NOT met'}`,
    );
    console.log(
      `writer p99 during retention ${batched.latency.p99.toFixed(2)} ms ` +
        `(target < ${P99_TARGET_MS} ms): ${latencyOk ? 'met' : 'NOT met'}; ` +
        `during the raw DELETE ${raw.latency.p99.toFixed(2)} ms`,
    );

    return batched.deleted === ROWS && raw.deleted === ROWS;
  } finally {
    removeSignalHandlers();
    const failures = await cleanup.runAll();
    failures.forEach((failure) => console.error(`cleanup: ${failure}`));
  }
}

async function measureIdle(writer: ConcurrentWriter): Promise<Phase> {
  progress('writer alone for 3 s');
  writer.reset();
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  return { name: 'writer alone', seconds: 3, deleted: 0, latency: writer.window() };
}

async function measureRawDelete(
  dataSource: DataSource,
  writer: ConcurrentWriter,
  companyId: string,
): Promise<Phase> {
  progress('one raw DELETE');
  writer.reset();
  const began = performance.now();
  const result: unknown = await dataSource.query(
    `DELETE FROM bench_crm.events WHERE company_id = $1 AND created_at < now() - interval '365 days'`,
    [companyId],
  );
  const [, deleted] = result as [unknown, number];
  const seconds = (performance.now() - began) / 1000;

  return { name: 'raw DELETE', seconds, deleted, latency: writer.window() };
}

async function measureRetention(
  toolkit: ReturnType<typeof createRetentionToolkit>,
  writer: ConcurrentWriter,
  companyId: string,
): Promise<Phase> {
  const auth = systemAuth(companyId, 'bench');
  const policy = await toolkit.policies.create(
    {
      name: 'events after a year',
      entity: 'event',
      periodDays: 365,
      dateField: 'created_at',
      method: 'hard',
      conditions: [],
      schedule: '0 2 * * *',
      active: true,
      softDeleteColumn: null,
    },
    auth,
  );
  const row = await toolkit.policies.row(policy.id, companyId);

  progress('retention run (hard, batched)');
  writer.reset();
  const began = performance.now();
  const run = await toolkit.runs.start(row, auth, { trigger: 'cli' });
  await toolkit.executor.execute(run!.id);
  const seconds = (performance.now() - began) / 1000;
  const logs = await toolkit.logs.list({ runId: run!.id, limit: 10, offset: 0 }, auth);

  return {
    name: 'retention (batched)',
    seconds,
    deleted: logs.items.reduce((sum, log) => sum + log.deleted, 0),
    latency: writer.window(),
  };
}

function progress(text: string): void {
  process.stderr.write(`… ${text}\n`);
}
