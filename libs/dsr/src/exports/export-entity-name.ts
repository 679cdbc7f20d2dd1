import { entityNameSchema } from '@compliance/connector';
import { PoisonMessageError } from '@compliance/messaging';

/** Whether a chunk names its entity as a data map could declare it. */
export function isExportEntity(entity: string): boolean {
  return entityNameSchema.safeParse(entity).success;
}

/**
 * Refuses a chunk whose entity no data map could declare. The name becomes a folder of the
 * part's key in the export store, so `../` or `a/b` would land a subject's records outside
 * the export's folder, where its expiry never deletes them. Such a chunk can never be
 * stored: the bus drops it rather than deliver it again.
 */
export function assertExportEntity(entity: string): void {
  if (!isExportEntity(entity)) {
    throw exportEntityRefusal();
  }
}

/** The error names the rule only, never what the connector sent. */
export function exportEntityRefusal(): PoisonMessageError {
  return new PoisonMessageError(
    'an export chunk must name an entity as a data map declares it (a lowercase ' +
      'letter or underscore, then up to 62 lowercase letters, digits or underscores)',
  );
}
