import { EntityMap } from '@compliance/connector';
import { EntityManager } from 'typeorm';

import { FilterHold, purgeQueries, PurgeScope } from './purge.queries';

export interface EntityTally {
  matched: number;
  skipped: number;
  /** Keys a run deletes, archives or marks. */
  affected: string[];
}

export interface BatchPlan {
  /** The last key of the batch: where the next one starts. Null once nothing is left. */
  lastKey: string | null;
  tallies: Map<string, EntityTally>;
}

interface CandidateRow {
  id: string;
  held: boolean;
}

interface ChildRow extends CandidateRow {
  parent: string;
}

/**
 * Decides one batch: which expired records go and which stay. A held record stays; with
 * `withChildren` (hard and archive) its children go first, and a record stays too when
 * a child below it is held or must be retained, because removing it would orphan that
 * child. The same plan serves the preview and the run, so their counts agree.
 */
export async function planBatch(
  manager: Pick<EntityManager, 'query'>,
  scope: PurgeScope,
  options: {
    cursor: string | null;
    limit: number;
    lock: boolean;
    withChildren: boolean;
    holds: readonly FilterHold[];
  },
): Promise<BatchPlan> {
  const batch = purgeQueries.candidateBatch(
    scope,
    options.holds,
    options.cursor,
    options.limit,
    options.lock,
  );
  const candidates: CandidateRow[] = await manager.query(batch.sql, batch.values);
  const tallies = new Map<string, EntityTally>();

  if (candidates.length === 0) {
    return { lastKey: null, tallies };
  }

  const free = candidates.filter((row) => !row.held).map((row) => row.id);
  const rootOf = new Map(free.map((id) => [keyOf(scope.entity.name, id), id]));
  const found = options.withChildren
    ? await collectChildren(manager, scope, free, rootOf, options)
    : new Map<string, ChildRow[]>();
  const blocked = blockedRoots(scope, found, rootOf);
  const root = scope.entity.name;

  tallies.set(root, {
    matched: candidates.length,
    skipped: candidates.length - free.length + blocked.size,
    affected: free.filter((id) => !blocked.has(id)),
  });

  for (const [name, rows] of found) {
    const affected = rows.filter((row) => !blocked.has(rootOf.get(keyOf(name, row.id)) ?? ''));
    tallies.set(name, {
      matched: rows.length,
      skipped: rows.length - affected.length,
      affected: affected.map((row) => row.id),
    });
  }

  return { lastKey: candidates[candidates.length - 1].id, tallies };
}

/** Walks down the relations from the batch's records, breadth first, each row once. */
async function collectChildren(
  manager: Pick<EntityManager, 'query'>,
  scope: PurgeScope,
  rootIds: string[],
  rootOf: Map<string, string>,
  options: { lock: boolean; holds: readonly FilterHold[] },
): Promise<Map<string, ChildRow[]>> {
  const found = new Map<string, ChildRow[]>();
  const queue: { entity: EntityMap; ids: string[] }[] = [{ entity: scope.entity, ids: rootIds }];

  while (queue.length > 0) {
    const { entity, ids } = queue.shift()!;

    if (ids.length === 0) continue;

    for (const { entity: child, column } of scope.dataMap.childrenOf(entity.name)) {
      const statement = purgeQueries.children(
        scope.dataMap,
        child,
        column,
        scope.companyId,
        ids,
        options.holds,
        options.lock,
      );
      const rows: ChildRow[] = await manager.query(statement.sql, statement.values);
      const known = found.get(child.name) ?? [];
      const seen = new Set(known.map((row) => row.id));
      const fresh = rows.filter((row) => !seen.has(row.id));

      for (const row of fresh) {
        rootOf.set(keyOf(child.name, row.id), rootOf.get(keyOf(entity.name, row.parent)) ?? '');
      }

      found.set(child.name, [...known, ...fresh]);
      queue.push({ entity: child, ids: fresh.map((row) => row.id) });
    }
  }

  return found;
}

/** Records that must stay because a child below them is held or retained by law. */
function blockedRoots(
  scope: PurgeScope,
  found: Map<string, ChildRow[]>,
  rootOf: Map<string, string>,
): Set<string> {
  const blocked = new Set<string>();

  for (const [name, rows] of found) {
    const retained = scope.dataMap.entity(name).erasure === 'retain';

    for (const row of rows) {
      if (retained || row.held) {
        blocked.add(rootOf.get(keyOf(name, row.id)) ?? '');
      }
    }
  }

  return blocked;
}

/** Keys of different tables may collide (two serials), so a row is named with its entity. */
function keyOf(entity: string, id: string): string {
  return `${entity}/${id}`;
}
