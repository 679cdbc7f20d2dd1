import { issuesToDetails } from '@compliance/contracts';

import { DataMapError } from './data-map.error';
import { DataMap, dataMapSchema, EntityMap } from './data-map.schema';

/**
 * A data map checked once: relations point at declared entities, identifiers and PII
 * fields are declared once each, and the relations hold no cycle. It knows the order in
 * which records can be erased: children before the parents they point at.
 */
export class RegisteredDataMap {
  readonly erasureOrder: readonly string[];
  private readonly byName: Map<string, EntityMap>;

  private constructor(readonly map: DataMap) {
    this.byName = new Map(map.entities.map((entity) => [entity.name, entity]));
    this.erasureOrder = childrenFirst(map.entities);
  }

  static register(input: unknown): RegisteredDataMap {
    const parsed = dataMapSchema.safeParse(input);

    if (!parsed.success) {
      throw new DataMapError(
        issuesToDetails(parsed.error.issues).map((d) => `${d.path}: ${d.message}`),
      );
    }

    const problems = [...referenceProblems(parsed.data), ...duplicateProblems(parsed.data)];
    const cycle = findCycle(parsed.data.entities);

    if (cycle) {
      problems.push(`relations form a cycle: ${cycle.join(' -> ')}`);
    }

    if (problems.length > 0) {
      throw new DataMapError(problems);
    }

    return new RegisteredDataMap(parsed.data);
  }

  entity(name: string): EntityMap {
    const entity = this.byName.get(name);

    if (!entity) {
      throw new Error(`no entity ${name} in the data map of ${this.map.module}`);
    }

    return entity;
  }

  /** Entities holding a subject's identifiers: where a lookup starts. */
  get roots(): EntityMap[] {
    return this.map.entities.filter((entity) => entity.subjectIdentifiers.length > 0);
  }

  /** Entities that point at `parent`, with the column that does. */
  childrenOf(parent: string): { entity: EntityMap; column: string }[] {
    return this.map.entities.flatMap((entity) =>
      entity.relations
        .filter((relation) => relation.references === parent)
        .map((relation) => ({ entity, column: relation.column })),
    );
  }
}

function referenceProblems(map: DataMap): string[] {
  const names = new Set(map.entities.map((entity) => entity.name));

  return map.entities.flatMap((entity) =>
    entity.relations
      .filter((relation) => !names.has(relation.references))
      .map(
        (relation) => `${entity.name}.${relation.column} references unknown ${relation.references}`,
      ),
  );
}

function duplicateProblems(map: DataMap): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();

  for (const entity of map.entities) {
    if (seen.has(entity.name)) {
      problems.push(`entity ${entity.name} is declared twice`);
    }
    seen.add(entity.name);

    const columns = entity.piiFields.map((field) => field.column);
    const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
    problems.push(...repeated.map((column) => `${entity.name}.${column} is declared twice`));
  }

  return problems;
}

/** Depth-first search over child -> parent edges; returns the path of the first cycle. */
function findCycle(entities: EntityMap[]): string[] | undefined {
  const parents = new Map(entities.map((e) => [e.name, e.relations.map((r) => r.references)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;

    if (state.get(name) === 'visiting') {
      return [...path.slice(path.indexOf(name)), name];
    }

    state.set(name, 'visiting');
    path.push(name);

    for (const parent of parents.get(name) ?? []) {
      const cycle = visit(parent);
      if (cycle) return cycle;
    }

    path.pop();
    state.set(name, 'done');
    return undefined;
  };

  for (const entity of entities) {
    const cycle = visit(entity.name);
    if (cycle) return cycle;
  }

  return undefined;
}

/**
 * A topological order in which every entity comes before the entities it references,
 * so deleting in this order never breaks a foreign key. Ties keep declaration order.
 */
function childrenFirst(entities: EntityMap[]): string[] {
  const order: string[] = [];
  const remaining = new Set(entities.map((entity) => entity.name));

  while (remaining.size > 0) {
    const next = entities.find(
      (entity) =>
        remaining.has(entity.name) &&
        !entities.some(
          (other) =>
            remaining.has(other.name) &&
            other.name !== entity.name &&
            other.relations.some((relation) => relation.references === entity.name),
        ),
    );

    // Cycles were refused at registration, so some entity is always free to go next.
    order.push(next!.name);
    remaining.delete(next!.name);
  }

  return order;
}
