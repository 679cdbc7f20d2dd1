import { randomUUID } from 'node:crypto';

import { ApiKeyStore } from '@compliance/auth';
import { openDataSource } from '@compliance/persistence';

/**
 * An admin key for a company of its own, written straight into the gateway's schema
 * (the gateway must have migrated it). Only the hash is stored; the key lives in memory.
 */
export async function issueApiKey(databaseUrl: string): Promise<string> {
  const dataSource = await openDataSource({
    endpoint: { kind: 'url', url: databaseUrl },
    entities: [],
    poolSize: 1,
    applicationName: 'compliance-bench',
  });

  try {
    const created = await new ApiKeyStore(dataSource).create({
      companyId: randomUUID(),
      name: 'gateway benchmark',
      scopes: ['admin'],
      createdBy: 'bench:gateway',
    });

    return created.key;
  } finally {
    await dataSource.destroy();
  }
}
