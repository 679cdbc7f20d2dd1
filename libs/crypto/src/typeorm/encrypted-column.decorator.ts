import { Column } from 'typeorm';

import { defineEncryptedColumn, EncryptedColumnOptions } from './encrypted-column.metadata';

/**
 * A text column whose value is sealed on save and opened on load by the subscriber that
 * `attachEncryptedColumns` installs. The property holds plaintext in memory and the
 * versioned ciphertext in the database.
 */
export function EncryptedColumn(options: EncryptedColumnOptions): PropertyDecorator {
  const column = Column({ type: 'text', name: options.name, nullable: options.nullable ?? true });

  return (target, property) => {
    if (typeof property !== 'string') {
      throw new Error('@EncryptedColumn needs a named property');
    }

    column(target, property);
    defineEncryptedColumn(target.constructor, { ...options, property });
  };
}
