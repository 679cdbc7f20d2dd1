import { defineEncryptionBinding, EncryptionBindingOptions } from './encrypted-column.metadata';

/**
 * Names the properties that bind an entity's encrypted values to their row: the company,
 * the row's id and, optionally, the data subject whose key seals them.
 */
export function EncryptionBinding(options: EncryptionBindingOptions): ClassDecorator {
  return (target) => {
    defineEncryptionBinding(target, options);
  };
}
