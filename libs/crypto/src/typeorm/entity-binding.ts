import { FieldBinding } from '../envelope/field-binding';
import { CryptoError } from '../errors/crypto.error';
import { EncryptedColumnDefinition, EncryptedEntityDefinition } from './encrypted-column.metadata';

type Row = Record<string, unknown>;

export interface EntityBinding {
  companyId: string;
  recordId: string;
  subjectId: string | null;
}

/**
 * The binding fields read from the entity itself. The row id must be known before the row
 * is written, since it is sealed into the value: ids the database generates on insert
 * cannot be used here; assign one (a `randomUUID()`) before saving.
 */
export function entityBinding(entity: Row, definition: EncryptedEntityDefinition): EntityBinding {
  const names = definition.binding;

  if (!names) {
    throw new CryptoError(
      'invalid_binding',
      'an entity with encrypted columns needs @EncryptionBinding to name its company and id',
    );
  }

  const companyId = entity[names.companyId];
  const recordId = entity[names.recordId];
  const subjectId = names.subjectId ? entity[names.subjectId] : null;

  if (typeof companyId !== 'string' || companyId === '') {
    throw CryptoError.invalidBinding(`companyId: set (and select) property "${names.companyId}"`);
  }

  if (!isIdentifier(recordId)) {
    throw CryptoError.invalidBinding(
      `recordId: set (and select) property "${names.recordId}" before encrypted columns`,
    );
  }

  if (subjectId !== null && subjectId !== undefined && !isIdentifier(subjectId)) {
    throw CryptoError.invalidBinding(`subjectId in property "${names.subjectId}"`);
  }

  return {
    companyId,
    recordId: String(recordId),
    subjectId: subjectId === null || subjectId === undefined ? null : String(subjectId),
  };
}

export function columnBinding(
  binding: EntityBinding,
  column: EncryptedColumnDefinition,
): FieldBinding {
  return { ...binding, entity: column.entity, field: column.field };
}

function isIdentifier(value: unknown): value is string | number | bigint {
  return (
    (typeof value === 'string' && value !== '') ||
    typeof value === 'number' ||
    typeof value === 'bigint'
  );
}
