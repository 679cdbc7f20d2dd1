import { registerRetentionDataMap, ServiceError } from '@compliance/contracts';
import { DatabaseEndpoint, openDataSource } from '@compliance/persistence';
import { MessageBus } from '@compliance/messaging';
import { buildAuthContext } from '@compliance/testing';

interface EmbeddedPlatform {
  endpoint: DatabaseEndpoint;
  bus: MessageBus;
}

/**
 * A CRM module as the retention service meets one: its tables, made by `sql` and filled by
 * `fill`, in the platform's database, and its data map registered for the company.
 */
export async function plugInCrmModule(
  platform: EmbeddedPlatform,
  companyId: string,
  module: { sql: string; dataMap: unknown; fill?: (query: CrmQuery) => Promise<void> },
): Promise<void> {
  const crm = await openDataSource({
    endpoint: platform.endpoint,
    entities: [],
    poolSize: 1,
    applicationName: 'e2e-crm-module',
  });

  try {
    await crm.query(module.sql);
    await module.fill?.((sql, params) => crm.query(sql, params));
  } finally {
    await crm.destroy();
  }

  const reply = await platform.bus.request(
    registerRetentionDataMap.subject,
    { context: buildAuthContext({ companyId }), payload: { dataMap: module.dataMap } },
    10_000,
  );

  if (!reply.ok) {
    throw ServiceError.fromBody(reply.error);
  }
}

export type CrmQuery = (sql: string, params?: unknown[]) => Promise<unknown>;
