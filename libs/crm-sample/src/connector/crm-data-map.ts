import { RegisteredDataMap } from '@compliance/connector';

export const CRM_MODULE = 'crm-sample';

/**
 * What the sample CRM holds about a person, and how each piece is erased. Checked once at
 * load: a cycle or an unknown reference stops the module from starting.
 */
export const crmDataMap = RegisteredDataMap.register({
  module: CRM_MODULE,
  entities: [
    {
      name: 'contact',
      table: 'crm.contacts',
      subjectIdentifiers: [
        { kind: 'email', column: 'email_index', blindIndexed: true },
        { kind: 'phone', column: 'phone_index', blindIndexed: true },
        { kind: 'external_id', column: 'external_id' },
      ],
      piiFields: [
        { column: 'email_encrypted', category: 'contact' },
        { column: 'email_index', category: 'contact' },
        { column: 'phone_encrypted', category: 'contact' },
        { column: 'phone_index', category: 'contact' },
        { column: 'name_encrypted', category: 'identity' },
        { column: 'external_id', category: 'identity' },
      ],
      timestamps: [
        { column: 'created_at', purpose: 'created' },
        { column: 'updated_at', purpose: 'updated' },
      ],
    },
    {
      name: 'lead',
      table: 'crm.leads',
      relations: [{ column: 'contact_id', references: 'contact' }],
      timestamps: [{ column: 'created_at', purpose: 'created' }],
    },
    {
      name: 'deal',
      table: 'crm.deals',
      relations: [{ column: 'lead_id', references: 'lead' }],
      timestamps: [{ column: 'created_at', purpose: 'created' }],
    },
    {
      name: 'activity',
      table: 'crm.activities',
      piiFields: [{ column: 'summary', category: 'behavioral' }],
      relations: [{ column: 'contact_id', references: 'contact' }],
      timestamps: [{ column: 'occurred_at', purpose: 'activity' }],
    },
    {
      name: 'note',
      table: 'crm.notes',
      piiFields: [{ column: 'body', category: 'free_text' }],
      relations: [{ column: 'deal_id', references: 'deal' }],
      timestamps: [{ column: 'created_at', purpose: 'created' }],
    },
    {
      name: 'invoice',
      table: 'crm.invoices',
      // Kept for the tax authorities; the name on it becomes a pseudonym.
      erasure: 'retain',
      piiFields: [{ column: 'billing_name', category: 'financial', erasure: 'pseudonymize' }],
      relations: [{ column: 'contact_id', references: 'contact' }],
      timestamps: [{ column: 'issued_at', purpose: 'created' }],
    },
  ],
});
