import { EntityManager } from 'typeorm';

import { FilterHold } from '../purge/purge.queries';
import { SELECT_ACTIVE_FILTER_HOLDS } from './legal-holds.queries';

/** The company's active filter holds, read inside the caller's transaction. */
export async function activeFilterHolds(
  manager: Pick<EntityManager, 'query'>,
  companyId: string,
): Promise<FilterHold[]> {
  const rows: FilterHold[] = await manager.query(SELECT_ACTIVE_FILTER_HOLDS, [companyId]);
  return rows.map((row) => ({ entity: row.entity, conditions: row.conditions }));
}
