import { RegisteredDataMap } from '@compliance/connector';
import { RetentionMethod } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { BatchPlan } from './batch-plan';
import { purgeQueries } from './purge.queries';

/**
 * Carries out a planned batch: `soft` marks the records, `hard` and `archive` delete them
 * with their children, children first so no foreign key breaks. Returns per entity how
 * many rows the statements actually changed.
 */
export async function applyBatch(
  manager: Pick<EntityManager, 'query'>,
  dataMap: RegisteredDataMap,
  root: string,
  method: RetentionMethod,
  plan: BatchPlan,
  companyId: string,
  softDeleteColumn: string | null,
): Promise<Map<string, number>> {
  const changed = new Map<string, number>();

  if (method === 'soft') {
    const ids = plan.tallies.get(root)?.affected ?? [];
    const sql = purgeQueries.markByIds(dataMap.entity(root), softDeleteColumn ?? '');
    changed.set(root, ids.length > 0 ? await count(manager, sql, [companyId, ids]) : 0);
    return changed;
  }

  for (const name of dataMap.erasureOrder) {
    const ids = plan.tallies.get(name)?.affected;

    if (ids === undefined) continue;

    const sql = purgeQueries.deleteByIds(dataMap.entity(name));
    changed.set(name, ids.length > 0 ? await count(manager, sql, [companyId, ids]) : 0);
  }

  return changed;
}

async function count(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  values: unknown[],
): Promise<number> {
  const [row]: { count: number }[] = await manager.query(sql, values);
  return Number(row.count);
}
