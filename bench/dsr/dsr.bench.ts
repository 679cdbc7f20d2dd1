import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { auditMigrations } from '@compliance/audit';
import {
  connectorQueries,
  PostgresConnector,
  RegisteredDataMap,
  SnapshotStore,
  TaskRunner,
} from '@compliance/connector';
import { createFieldEncryption, cryptoMigrations, FieldEncryption } from '@compliance/crypto';
import {
  crmDataMap,
  crmIdentifierMatcher,
  crmMigrations,
  CRM_MODULE,
} from '@compliance/crm-sample';
import { dsrMigrations } from '@compliance/dsr';
import { openDataSource, runMigrations } from '@compliance/persistence';
import { DataSource } from 'typeorm';

import { benchSettings, machineSummary } from '../support/bench-settings';
import { CleanupStack } from '../support/cleanup-stack';
import { textTable } from '../support/text-table';
import { createThrowawayDatabase } from '../support/throwaway-database';
import { deployedNodeOptions, DSR_MANIFEST } from './deployed-node-options';
import { dsrBenchQueries } from './dsr-bench.queries';
import { ExportChildResult } from './export-child';
import { seedContacts, seedErasureSubject, seedExportSubject } from './seed-dsr-subjects';
import { byBlindIndex, byPlainColumn, LookupSummary, timeLookups } from './subject-lookups';

const CONTACTS = 1_000_000;
const LOOKUPS = 20_000;
const WARMUP_LOOKUPS = 2_000;
const ERASURE_RELATED = 10_000;
const EXPORT_RECORDS = 1_000_000;
const LOOKUP_TARGET = 0.5;
const RSS_LIMIT_MB = 256;

/** The contact entity alone: a lookup finds the contact and follows no relation. */
const CONTACTS_ONLY = RegisteredDataMap.register({
  module: 'bench-contacts',
  entities: [crmDataMap.map.entities.find((entity) => entity.name === 'contact')],
});

/**
 * Finding a subject by blind index among 1,000,000 contacts against a plain indexed
 * column of the same table; erasing a subject with 10,000 related records through the
 * SDK's task runner against hand-written DELETEs; exporting a subject with 1,000,000
 * records in a process of its own, with its resident size sampled throughout.
 */
export async function runDsrBench(): Promise<boolean> {
  const settings = benchSettings();
  const cleanup = new CleanupStack();
  const removeSignalHandlers = cleanup.cleanUpOnSignals();

  try {
    console.log(`machine: ${machineSummary()}`);

    const database = await createThrowawayDatabase(settings.postgresUrl);
    cleanup.defer('drop database', () => database.drop());
    const endpoint = { kind: 'url' as const, url: database.url };
    await runMigrations(endpoint, [
      auditMigrations,
      cryptoMigrations,
      crmMigrations,
      dsrMigrations,
    ]);
    const dataSource = await openDataSource({
      endpoint,
      entities: [],
      poolSize: 2,
      applicationName: 'bench-dsr',
    });
    cleanup.defer('close pool', () => dataSource.destroy());

    const masterKey = randomBytes(32).toString('base64');
    const encryption = await createFieldEncryption(dataSource, {
      kind: 'local',
      environment: 'test',
      masterKey,
    });
    const companyId = randomUUID();
    const [account] = await dataSource.query<{ id: string }[]>(dsrBenchQueries.insertAccount, [
      companyId,
    ]);

    progress(`seeding ${CONTACTS} contacts`);
    const seedStarted = performance.now();
    await seedContacts(dataSource, encryption, companyId, account.id, CONTACTS);
    await dataSource.query(dsrBenchQueries.analyze);
    console.log(`seeded ${CONTACTS} contacts in ${seconds(seedStarted).toFixed(1)} s`);

    const lookupsOk = await measureLookups(dataSource, encryption, companyId);
    const erasureOk = await measureErasure(dataSource, encryption, companyId);
    const exportOk = await measureExport(dataSource, database.url, companyId, masterKey);

    return lookupsOk && erasureOk && exportOk;
  } finally {
    removeSignalHandlers();
    const failures = await cleanup.runAll();
    failures.forEach((failure) => console.error(`cleanup: ${failure}`));
  }
}

async function measureLookups(
  dataSource: DataSource,
  encryption: FieldEncryption,
  companyId: string,
): Promise<boolean> {
  const connector = new PostgresConnector(
    dataSource,
    CONTACTS_ONLY,
    crmIdentifierMatcher(encryption),
  );

  progress('warming both lookups');
  await timeLookups('warm-up', connector, companyId, CONTACTS, WARMUP_LOOKUPS, byPlainColumn);
  await timeLookups('warm-up', connector, companyId, CONTACTS, WARMUP_LOOKUPS, byBlindIndex);

  progress(`${LOOKUPS} lookups each way`);
  const plain = await timeLookups(
    'plain indexed column (external_id)',
    connector,
    companyId,
    CONTACTS,
    LOOKUPS,
    byPlainColumn,
  );
  const blind = await timeLookups(
    'blind index (email)',
    connector,
    companyId,
    CONTACTS,
    LOOKUPS,
    byBlindIndex,
  );

  console.log('');
  console.log(lookupTable([plain, blind]));

  const ratio = blind.perSecond / plain.perSecond;
  const met = ratio >= LOOKUP_TARGET && blind.missed === 0 && plain.missed === 0;
  console.log(
    `blind-index lookups run at ${(ratio * 100).toFixed(0)}% of the plain column's ` +
      `(target >= ${LOOKUP_TARGET * 100}%): ${met ? 'met' : 'NOT met'}`,
  );
  return blind.missed === 0 && plain.missed === 0;
}

async function measureErasure(
  dataSource: DataSource,
  encryption: FieldEncryption,
  companyId: string,
): Promise<boolean> {
  progress(`seeding two subjects with ${ERASURE_RELATED} related records each`);
  await seedErasureSubject(dataSource, companyId, 'erase-raw', ERASURE_RELATED);
  await seedErasureSubject(dataSource, companyId, 'erase-sdk', ERASURE_RELATED);

  progress('hand-written DELETEs');
  const rawStarted = performance.now();
  let rawRecords = 0;
  await dataSource.transaction(async (manager) => {
    for (const statement of dsrBenchQueries.rawErase) {
      const result: unknown = await manager.query(statement, [companyId, 'erase-raw']);
      rawRecords += (result as [unknown, number])[1];
    }
  });
  const rawSeconds = seconds(rawStarted);

  progress('erasure through the SDK task runner (snapshot, then batches)');
  const connector = new PostgresConnector(
    dataSource,
    crmDataMap,
    crmIdentifierMatcher(encryption),
    {
      batchSize: 500,
    },
  );
  const queries = connectorQueries('crm');
  const runner = new TaskRunner(
    dataSource,
    queries,
    connector,
    new SnapshotStore(dataSource, queries, encryption, CRM_MODULE),
  );
  const sdkStarted = performance.now();
  const outcome = await runner.run(
    {
      taskId: randomUUID(),
      requestId: randomUUID(),
      companyId,
      connector: CRM_MODULE,
      action: 'erase',
      identifiers: [{ kind: 'external_id', value: 'erase-sdk' }],
      purposes: [],
      attempt: 1,
    },
    { progress: async () => undefined, exportBatch: async () => undefined },
  );
  const sdkSeconds = seconds(sdkStarted);
  const sdkRecords = Object.values(outcome.counts).reduce((sum, count) => sum + count, 0);

  console.log('');
  console.log(
    textTable(
      ['erasure of one subject', 'records', 's', 'records/s'],
      [
        ['hand-written DELETEs, one transaction', rawRecords, rawSeconds],
        ['SDK task runner: snapshot + batches of 500', sdkRecords, sdkSeconds],
      ].map(([name, records, s]) => [
        String(name),
        String(records),
        (s as number).toFixed(2),
        ((records as number) / (s as number)).toFixed(0),
      ]),
    ),
  );

  const expected = ERASURE_RELATED + 1;
  return outcome.status === 'done' && sdkRecords === expected && rawRecords === expected;
}

async function measureExport(
  dataSource: DataSource,
  url: string,
  companyId: string,
  masterKey: string,
): Promise<boolean> {
  progress(`seeding a subject with ${EXPORT_RECORDS} records`);
  await seedExportSubject(dataSource, companyId, 'export-subject', EXPORT_RECORDS);

  const deployed = deployedNodeOptions(join(__dirname, '../../..'));
  const runs: { name: string; result: ExportChildResult }[] = [];

  // Once with the flags the DSR service is deployed with, once with Node's own defaults.
  for (const [name, flags] of [
    [`as deployed: ${deployed.join(' ') || 'no flags'} (${DSR_MANIFEST})`, deployed],
    ['Node defaults, no heap bound', []],
  ] as const) {
    progress(`export in a process of its own, ${name}`);
    runs.push({ name, result: await exportInChild(url, companyId, masterKey, [...flags]) });
  }

  console.log('');
  console.log(
    textTable(
      ['export of one subject, batches of 1000', 'records', 'parts', 's', 'RSS before', 'RSS peak'],
      runs.map(({ name, result }) => [
        name,
        String(result.records),
        String(result.parts),
        result.seconds.toFixed(1),
        `${result.baselineRssMb.toFixed(0)} MB`,
        `${result.peakRssMb.toFixed(0)} MB`,
      ]),
    ),
  );

  const [asDeployed, unbounded] = runs.map(({ result }) => result);
  const met = asDeployed.peakRssMb < RSS_LIMIT_MB;
  console.log(
    `peak resident size as deployed ${asDeployed.peakRssMb.toFixed(0)} MB, heap ` +
      `${asDeployed.peakHeapMb.toFixed(0)} MB (target < ${RSS_LIMIT_MB} MB): ` +
      `${met ? 'met' : 'NOT met'}; with no heap bound ${unbounded.peakRssMb.toFixed(0)} MB`,
  );
  return runs.every(({ result }) => result.records === EXPORT_RECORDS);
}

async function exportInChild(
  url: string,
  companyId: string,
  masterKey: string,
  nodeFlags: string[],
): Promise<ExportChildResult> {
  const exportDir = await mkdtemp(join(tmpdir(), 'bench-dsr-exports-'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      ...nodeFlags,
      join(__dirname, 'export-child.js'),
      url,
      companyId,
      'export-subject',
      masterKey,
      exportDir,
    ],
    { maxBuffer: 1024 * 1024 },
  );

  return JSON.parse(stdout.trim().split('\n').pop()!) as ExportChildResult;
}

function lookupTable(rows: LookupSummary[]): string {
  return textTable(
    ['lookup among 1M contacts', 'lookups', 'lookups/s', 'p50 ms', 'p99 ms', 'missed'],
    rows.map((row) => [
      row.name,
      String(row.lookups),
      row.perSecond.toFixed(0),
      row.p50.toFixed(3),
      row.p99.toFixed(3),
      String(row.missed),
    ]),
  );
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function progress(text: string): void {
  process.stderr.write(`… ${text}\n`);
}
