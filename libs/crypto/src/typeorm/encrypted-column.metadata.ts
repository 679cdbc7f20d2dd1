import { BlindIndexKind } from '../blind-index/blind-index';

export interface EncryptedColumnOptions {
  /** The entity's name in the binding, e.g. `contact`; stable across class renames. */
  entity: string;
  /** The field's name in the binding, e.g. `email`. */
  field: string;
  /** The column's database name, when it differs from the property. */
  name?: string;
  /** True by default: a missing value is stored as NULL, not encrypted. */
  nullable?: boolean;
  /** A property of the same entity that receives the value's blind index. */
  blindIndex?: string;
  /** How the value is normalised before indexing; `text` by default. */
  indexKind?: BlindIndexKind;
}

export interface EncryptionBindingOptions {
  /** The property holding the company (tenant) id. */
  companyId: string;
  /** The property holding the row's id, which must be set before the row is saved. */
  recordId: string;
  /** The property holding the data subject's id, when values use the subject's own key. */
  subjectId?: string;
}

export interface EncryptedColumnDefinition extends EncryptedColumnOptions {
  property: string;
}

export interface EncryptedEntityDefinition {
  binding?: EncryptionBindingOptions;
  columns: EncryptedColumnDefinition[];
}

const definitions = new WeakMap<object, EncryptedEntityDefinition>();

export function defineEncryptedColumn(target: object, column: EncryptedColumnDefinition): void {
  const definition = ownDefinition(target);
  definition.columns = [
    ...definition.columns.filter((c) => c.property !== column.property),
    column,
  ];
}

export function defineEncryptionBinding(target: object, binding: EncryptionBindingOptions): void {
  ownDefinition(target).binding = binding;
}

/** The definition of an entity class, its own columns after those it inherits. */
export function encryptedEntityDefinition(target: object): EncryptedEntityDefinition | undefined {
  const chain: EncryptedEntityDefinition[] = [];

  for (let current = target; current && current !== Function.prototype;) {
    const definition = definitions.get(current);

    if (definition) {
      chain.unshift(definition);
    }

    current = Object.getPrototypeOf(current) as object;
  }

  if (chain.length === 0) {
    return undefined;
  }

  const binding = chain.reduce<EncryptionBindingOptions | undefined>(
    (found, definition) => definition.binding ?? found,
    undefined,
  );

  return { binding, columns: chain.flatMap((definition) => definition.columns) };
}

function ownDefinition(target: object): EncryptedEntityDefinition {
  let definition = definitions.get(target);

  if (!definition) {
    definition = { columns: [] };
    definitions.set(target, definition);
  }

  return definition;
}
