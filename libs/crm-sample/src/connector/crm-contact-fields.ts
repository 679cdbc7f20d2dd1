import { FieldReader, FieldWriter } from '@compliance/connector';
import { FieldBinding, FieldEncryption } from '@compliance/crypto';

import { CRM_CONTACTS_ENTITY } from '../contacts/crm-contacts.repository';

/** The contact's sealed columns, the field each is bound to, and its blind index if any. */
const SEALED = [
  { column: 'email_encrypted', field: 'email', index: 'email_index', kind: 'email' },
  { column: 'phone_encrypted', field: 'phone', index: 'phone_index', kind: 'phone' },
  { column: 'name_encrypted', field: 'name', index: undefined, kind: undefined },
] as const;

function contactBinding(companyId: string, contactId: string, field: string): FieldBinding {
  return {
    companyId,
    entity: CRM_CONTACTS_ENTITY,
    field,
    recordId: contactId,
    subjectId: contactId,
  };
}

/**
 * Rectified contact fields are sealed to the row and get a fresh blind index, as
 * `CrmContactsRepository` writes them. A blind index is never set on its own: it follows
 * its value, or it would point searches at a value the row does not hold.
 */
export function crmFieldWriter(encryption: FieldEncryption): FieldWriter {
  return async (companyId, entity, recordId, column, value) => {
    if (entity !== 'contact') {
      return { [column]: value };
    }

    if (SEALED.some((sealed) => sealed.index === column)) {
      throw new Error(
        `${column} follows its value: rectify ${column.replace('_index', '_encrypted')}`,
      );
    }

    const sealed = SEALED.find((candidate) => candidate.column === column);

    if (!sealed) {
      return { [column]: value };
    }

    const written: Record<string, string> = {
      [column]: await encryption.encrypt(value, contactBinding(companyId, recordId, sealed.field)),
    };

    if (sealed.index) {
      written[sealed.index] = await encryption.blindIndex(sealed.kind, value, companyId);
    }

    return written;
  };
}

/**
 * A contact as its subject reads it: sealed fields opened under their plain names, blind
 * indexes left out (they mean nothing outside the module). Other entities hold no
 * sealed field and go out as stored.
 */
export function crmFieldReader(encryption: FieldEncryption): FieldReader {
  return async (companyId, entity, row) => {
    if (entity !== 'contact') {
      return row;
    }

    const readable: Record<string, unknown> = { ...row };
    const contactId = String(row.id);

    for (const sealed of SEALED) {
      const ciphertext = row[sealed.column];
      delete readable[sealed.column];

      if (sealed.index) {
        delete readable[sealed.index];
      }

      readable[sealed.field] =
        typeof ciphertext === 'string'
          ? await encryption.decrypt(ciphertext, contactBinding(companyId, contactId, sealed.field))
          : null;
    }

    return readable;
  };
}
