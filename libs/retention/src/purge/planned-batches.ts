import { EntityManager } from 'typeorm';

import { BatchPlan, planBatch } from './batch-plan';
import { FilterHold, PurgeScope } from './purge.queries';

/**
 * Every batch a run of the scope would plan, in key order, without locking or changing a
 * row: what a preview and a dry-run walk, so their figures are the run's figures.
 */
export async function* plannedBatches(
  manager: Pick<EntityManager, 'query'>,
  scope: PurgeScope,
  options: { batchSize: number; withChildren: boolean; holds: readonly FilterHold[] },
): AsyncGenerator<BatchPlan> {
  let cursor: string | null = null;

  for (;;) {
    const plan = await planBatch(manager, scope, {
      cursor,
      limit: options.batchSize,
      lock: false,
      withChildren: options.withChildren,
      holds: options.holds,
    });

    if (plan.lastKey === null) return;
    cursor = plan.lastKey;

    yield plan;
  }
}
