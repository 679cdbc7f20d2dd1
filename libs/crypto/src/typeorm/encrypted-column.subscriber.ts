import {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  LoadEvent,
  ObjectLiteral,
  UpdateEvent,
} from 'typeorm';

import { EncryptedFieldCodec } from '../encryption/encrypted-field.codec';
import { whenReady } from '../encryption/when-ready';
import { CryptoError } from '../errors/crypto.error';
import { EncryptedColumnDefinition, encryptedEntityDefinition } from './encrypted-column.metadata';
import { columnBinding, EntityBinding, entityBinding } from './entity-binding';

type Row = Record<string, unknown>;

export interface EncryptedColumnsOptions {
  /**
   * How a value whose key was destroyed (a shredded subject) loads: as an error, the
   * default, or as null, for tables that keep shredded rows.
   */
  onDestroyedKey?: 'throw' | 'null';
}

interface Sealed {
  plaintext: string;
  ciphertext: string;
}

/**
 * Seals `@EncryptedColumn` properties before TypeORM writes an entity and opens them after
 * it loads one. The hooks are async (TypeORM awaits them), so keys load here and each
 * value is then sealed synchronously. The property holds ciphertext only while TypeORM
 * writes; the after-write hooks put the plaintext back. Writes that bypass entities
 * (`update()` with a partial object, raw queries) have no row to bind to and are refused.
 */
export class EncryptedColumnSubscriber implements EntitySubscriberInterface<ObjectLiteral> {
  private readonly sealed = new WeakMap<object, Map<string, Sealed>>();

  constructor(
    private readonly codec: EncryptedFieldCodec,
    private readonly options: EncryptedColumnsOptions = {},
  ) {}

  async beforeInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    await this.seal(event.entity, event.metadata.target);
  }

  async beforeUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    if (event.entity) {
      await this.seal(event.entity, event.metadata.target);
    }
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): void {
    this.restore(event.entity);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): void {
    if (event.entity) {
      this.restore(event.entity);
    }
  }

  async afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): Promise<void> {
    await this.open(entity, event?.metadata.target ?? entity.constructor);
  }

  private async seal(entity: Row, target: unknown): Promise<void> {
    const definition = encryptedEntityDefinition(target as object);
    const columns = definition?.columns.filter((column) => column.property in entity) ?? [];
    const values = columns.map((column) => ({
      column,
      plaintext: this.plaintextOf(entity, column.property),
    }));
    const toSeal = values.filter(({ plaintext }) => plaintext !== null && plaintext !== undefined);

    if (definition && toSeal.length > 0) {
      const binding = entityBinding(entity, definition);
      const sealed = await whenReady(
        () =>
          this.codec.prepare(binding.companyId, {
            subjectId: binding.subjectId,
            encryptions: toSeal.length,
            blindIndex: toSeal.some(({ column }) => column.blindIndex),
          }),
        () => toSeal.map(({ column, plaintext }) => this.sealOne(column, plaintext, binding)),
      );

      // Assigned only once every value is sealed, so a failure leaves the entity as it was.
      toSeal.forEach(({ column, plaintext }, at) => {
        const { ciphertext, index } = sealed[at];

        this.remember(entity, column.property, { plaintext: plaintext as string, ciphertext });
        entity[column.property] = ciphertext;

        if (column.blindIndex) {
          entity[column.blindIndex] = index;
        }
      });
    }

    // A cleared value clears its index, so the row is not found by what it held before.
    for (const { column, plaintext } of values) {
      if (column.blindIndex && plaintext === null) {
        entity[column.blindIndex] = null;
      }
    }
  }

  private sealOne(
    column: EncryptedColumnDefinition,
    plaintext: unknown,
    binding: EntityBinding,
  ): { ciphertext: string; index: string | null } {
    const ciphertext = this.codec.encrypt(plaintext as string, columnBinding(binding, column));
    const index = column.blindIndex
      ? this.codec.blindIndex(column.indexKind ?? 'text', plaintext as string, binding.companyId)
      : null;

    return { ciphertext, index };
  }

  private restore(entity: Row): void {
    for (const [property, { plaintext, ciphertext }] of this.sealed.get(entity) ?? []) {
      if (entity[property] === ciphertext) {
        entity[property] = plaintext;
      }
    }

    this.sealed.delete(entity);
  }

  private async open(entity: Row, target: unknown): Promise<void> {
    const definition = encryptedEntityDefinition(target as object);
    const columns =
      definition?.columns.filter((column) => typeof entity[column.property] === 'string') ?? [];

    if (!definition || columns.length === 0) {
      return;
    }

    const binding = entityBinding(entity, definition);

    for (const column of columns) {
      const ciphertext = entity[column.property] as string;
      const fieldBinding = columnBinding(binding, column);

      try {
        entity[column.property] = await whenReady(
          () => this.codec.prepareToDecrypt([ciphertext], binding.companyId),
          () => this.codec.decrypt(ciphertext, fieldBinding),
        );
      } catch (failure) {
        if (!this.loadsAsNull(failure)) {
          throw failure;
        }

        entity[column.property] = null;
      }
    }
  }

  private loadsAsNull(failure: unknown): boolean {
    return (
      this.options.onDestroyedKey === 'null' &&
      failure instanceof CryptoError &&
      failure.reason === 'key_destroyed'
    );
  }

  /** A value this subscriber sealed and has not restored yet is sealed again from plaintext. */
  private plaintextOf(entity: Row, property: string): unknown {
    const known = this.sealed.get(entity)?.get(property);

    return known && known.ciphertext === entity[property] ? known.plaintext : entity[property];
  }

  private remember(entity: Row, property: string, sealed: Sealed): void {
    const byProperty = this.sealed.get(entity) ?? new Map<string, Sealed>();
    byProperty.set(property, sealed);
    this.sealed.set(entity, byProperty);
  }
}

/** Installs the subscriber on a DataSource that has the encrypted entities. */
export function attachEncryptedColumns(
  dataSource: DataSource,
  codec: EncryptedFieldCodec,
  options: EncryptedColumnsOptions = {},
): EncryptedColumnSubscriber {
  const subscriber = new EncryptedColumnSubscriber(codec, options);
  dataSource.subscribers.push(subscriber);

  return subscriber;
}
