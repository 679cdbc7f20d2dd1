import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';

import {
  connectorQueries,
  PostgresConnector,
  SnapshotStore,
  TaskRunner,
} from '@compliance/connector';
import { AuthContext } from '@compliance/contracts';
import { createFieldEncryption } from '@compliance/crypto';
import {
  crmDataMap,
  crmFieldReader,
  crmIdentifierMatcher,
  CRM_MODULE,
} from '@compliance/crm-sample';
import {
  DsrExportDownloadsService,
  DsrExportPartsReader,
  DsrExportsService,
  fixedExportPlacement,
  LocalExportStore,
} from '@compliance/dsr';
import { openDataSource } from '@compliance/persistence';

import { dsrBenchQueries } from './dsr-bench.queries';

export interface ExportChildResult {
  seconds: number;
  records: number;
  parts: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
}

const SAMPLE_MS = 25;

/**
 * Run alone in its own process, so its resident size is the export's and nothing else's:
 * the connector reads the subject's records a batch at a time, and each batch is sealed
 * and stored by the DSR service's own code, as in production. Resident size is sampled
 * throughout; the result goes to the parent as one JSON line.
 */
async function main(): Promise<void> {
  const [url, companyId, externalId, masterKey, exportDir] = process.argv.slice(2);
  const dataSource = await openDataSource({
    endpoint: { kind: 'url', url },
    entities: [],
    poolSize: 2,
    applicationName: 'bench-dsr-export',
  });
  const encryption = await createFieldEncryption(dataSource, {
    kind: 'local',
    environment: 'test',
    masterKey,
  });
  const connector = new PostgresConnector(
    dataSource,
    crmDataMap,
    crmIdentifierMatcher(encryption),
    {
      batchSize: 1000,
      fieldReader: crmFieldReader(encryption),
    },
  );
  const queries = connectorQueries('crm');
  const runner = new TaskRunner(
    dataSource,
    queries,
    connector,
    new SnapshotStore(dataSource, queries, encryption, CRM_MODULE),
  );
  const sealing = Promise.resolve(encryption);
  // The parts go to a local folder, as in production with the default store.
  const store = new LocalExportStore(exportDir);
  const reader = new DsrExportPartsReader(sealing, store);
  const exports = new DsrExportsService(
    dataSource,
    sealing,
    new DsrExportDownloadsService(dataSource, reader),
    reader,
    store,
    fixedExportPlacement({ region: 'eu-west-1', prefix: 'bench' }),
  );
  const [request] = await dataSource.query<{ id: string }[]>(dsrBenchQueries.insertRequest, [
    companyId,
  ]);
  const taskId = randomUUID();
  const auth: AuthContext = {
    requestId: randomUUID(),
    companyId,
    actor: { type: 'system', id: 'bench' },
    scopes: ['admin'],
  };

  global.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, SAMPLE_MS);

  const began = performance.now();
  await runner.run(
    {
      taskId,
      requestId: request.id,
      companyId,
      connector: CRM_MODULE,
      action: 'export',
      identifiers: [{ kind: 'external_id', value: externalId }],
      purposes: [],
      attempt: 1,
    },
    {
      progress: async () => undefined,
      exportBatch: async (entity, sequence, records) => {
        const chunk = {
          taskId,
          requestId: request.id,
          connector: CRM_MODULE,
          entity,
          sequence,
          records,
        };
        const sealed = await exports.seal(chunk, auth);

        await dataSource.transaction((manager) => exports.storePart(manager, chunk, sealed, auth));
      },
    },
  );
  const seconds = (performance.now() - began) / 1000;
  clearInterval(sampler);

  const [stored] = await dataSource.query<{ parts: number; records: number }[]>(
    dsrBenchQueries.exportedRecords,
    [request.id],
  );
  await dataSource.destroy();
  await rm(exportDir, { recursive: true, force: true });

  const mb = (bytes: number) => bytes / 1024 / 1024;
  const result: ExportChildResult = {
    seconds,
    records: stored.records,
    parts: stored.parts,
    baselineRssMb: mb(baselineRss),
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
