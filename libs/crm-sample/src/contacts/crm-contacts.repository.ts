import { randomUUID } from 'node:crypto';

import { FieldEncryption } from '@compliance/crypto';
import { DataSource } from 'typeorm';

export interface NewContact {
  email: string;
  name: string;
  phone?: string;
  externalId?: string;
}

/** The entity contact fields are bound to when sealed. */
export const CRM_CONTACTS_ENTITY = 'crm.contacts';

/**
 * Writes contacts with their PII sealed to the row (and to the contact as the data
 * subject, so its key can be shredded) and blind indexes for exact-match search.
 */
export class CrmContactsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly encryption: FieldEncryption,
  ) {}

  async create(companyId: string, contact: NewContact): Promise<string> {
    const id = randomUUID();
    const bind = (field: string) => ({
      companyId,
      entity: CRM_CONTACTS_ENTITY,
      field,
      recordId: id,
      subjectId: id,
    });

    await this.dataSource.query(
      `INSERT INTO crm.contacts (id, company_id, email_encrypted, email_index, phone_encrypted,
         phone_index, name_encrypted, external_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        companyId,
        await this.encryption.encrypt(contact.email, bind('email')),
        await this.encryption.blindIndex('email', contact.email, companyId),
        contact.phone ? await this.encryption.encrypt(contact.phone, bind('phone')) : null,
        contact.phone ? await this.encryption.blindIndex('phone', contact.phone, companyId) : null,
        await this.encryption.encrypt(contact.name, bind('name')),
        contact.externalId ?? null,
      ],
    );

    return id;
  }

  async findIdByEmail(companyId: string, email: string): Promise<string | undefined> {
    const index = await this.encryption.blindIndex('email', email, companyId);
    const [row] = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM crm.contacts WHERE company_id = $1 AND email_index = $2',
      [companyId, index],
    );

    return row?.id;
  }
}
