import { batches } from '../postgres/batches';
import { SubjectRecords } from '../postgres/subject-records';
import { ConnectorHandler } from './connector-handler';

/** Which of an entity's records a legal hold keeps: record id to the holds keeping it. */
export type HoldLookup = (entity: string, ids: string[]) => Promise<Map<string, string[]>>;

/** What an erasure left in place under legal holds, per entity; ids stay in the module. */
export interface HeldRecords {
  entity: string;
  records: number;
  holdIds: string[];
}

/** Kept records per entity, each with the holds that keep it. */
export type KeptRecords = Map<string, Map<string, Set<string>>>;

const LOOKUP_BATCH = 1000;

/**
 * The subject's records an erasure must leave alone. The retention service says which
 * records a hold on an entity or a filter covers; the records those point at are kept
 * with them (under the same holds), since a held row keeps its references intact and its
 * parent cannot be deleted from under it.
 */
export async function keptUnderHold(
  handler: ConnectorHandler,
  lookup: HoldLookup,
  companyId: string,
  records: SubjectRecords,
): Promise<KeptRecords> {
  const kept: KeptRecords = new Map();
  const queue: [string, string[]][] = [];
  const present = new Map(Object.entries(records).map(([entity, ids]) => [entity, new Set(ids)]));

  for (const [entity, ids] of Object.entries(records)) {
    for (const batch of batches(ids, LOOKUP_BATCH)) {
      const held = await lookup(entity, batch);
      const added = [...held].filter(([id, holdIds]) => keep(kept, entity, id, holdIds));
      queue.push([entity, added.map(([id]) => id)]);
    }
  }

  // Up the relations from each newly kept record to the parents of the subject it needs.
  while (queue.length > 0) {
    const [entity, ids] = queue.shift()!;
    const relations = handler.dataMap.entity(entity).relations;

    for await (const rows of relations.length > 0 ? handler.rows(companyId, entity, ids) : []) {
      for (const row of rows) {
        const id = keyOf(row[primaryKey(handler, entity)]);
        const holdIds = [...((id && kept.get(entity)?.get(id)) || [])];

        for (const relation of relations) {
          const parentId = keyOf(row[relation.column]);

          if (parentId && present.get(relation.references)?.has(parentId)) {
            if (keep(kept, relation.references, parentId, holdIds)) {
              queue.push([relation.references, [parentId]]);
            }
          }
        }
      }
    }
  }

  return kept;
}

/** The records less those kept. */
export function withoutKept(records: SubjectRecords, kept: KeptRecords): SubjectRecords {
  return Object.fromEntries(
    Object.entries(records).map(([entity, ids]) => [
      entity,
      ids.filter((id) => !kept.get(entity)?.has(id)),
    ]),
  );
}

/** Counts and hold ids per entity, for the report: the record ids never leave the module. */
export function heldSummary(kept: KeptRecords): HeldRecords[] {
  return [...kept]
    .filter(([, ids]) => ids.size > 0)
    .map(([entity, ids]) => ({
      entity,
      records: ids.size,
      holdIds: [...new Set([...ids.values()].flatMap((holdIds) => [...holdIds]))].sort(),
    }))
    .sort((a, b) => a.entity.localeCompare(b.entity));
}

/** True when the record was not kept before, or gained a hold. */
function keep(kept: KeptRecords, entity: string, id: string, holdIds: string[]): boolean {
  const ofEntity = kept.get(entity) ?? new Map<string, Set<string>>();
  const existing = ofEntity.get(id);
  const grows = !existing || holdIds.some((holdId) => !existing.has(holdId));

  ofEntity.set(id, new Set([...(existing ?? []), ...holdIds]));
  kept.set(entity, ofEntity);
  return grows;
}

/** A key as the lookup spells it; a null link points at nothing. */
function keyOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint'
    ? String(value)
    : undefined;
}

function primaryKey(handler: ConnectorHandler, entity: string): string {
  return handler.dataMap.entity(entity).primaryKey;
}
