/**
 * How the sample CRM stores each field a policy may name (`entity.field`, in the policy's
 * vocabulary). Sealed fields are written only through field encryption, so none of them
 * is ever in clear; the others are plain columns of their table.
 */
export type FieldStorage = { kind: 'sealed' } | { kind: 'clear'; table: CrmTable; column: string };

/** The tables a count may read; the name is never taken from a request. */
export type CrmTable =
  | 'crm.activities'
  | 'crm.companies'
  | 'crm.contacts'
  | 'crm.deals'
  | 'crm.leads'
  | 'crm.notes'
  | 'crm.users';

export const CRM_FIELD_STORAGE: Readonly<Record<string, FieldStorage>> = {
  'account.name': { kind: 'clear', table: 'crm.companies', column: 'name' },
  'activity.summary': { kind: 'clear', table: 'crm.activities', column: 'summary' },
  'contact.email': { kind: 'sealed' },
  'contact.externalId': { kind: 'clear', table: 'crm.contacts', column: 'external_id' },
  'contact.name': { kind: 'sealed' },
  'contact.phone': { kind: 'sealed' },
  'deal.title': { kind: 'clear', table: 'crm.deals', column: 'title' },
  'lead.source': { kind: 'clear', table: 'crm.leads', column: 'source' },
  'note.body': { kind: 'clear', table: 'crm.notes', column: 'body' },
  'user.displayName': { kind: 'clear', table: 'crm.users', column: 'display_name' },
  'user.role': { kind: 'clear', table: 'crm.users', column: 'role' },
};

/** Rows of the company holding the column in clear; table and column come from the map above. */
export function countClearQuery(storage: Extract<FieldStorage, { kind: 'clear' }>): string {
  return `SELECT count(*)::int AS clear FROM ${storage.table}
    WHERE company_id = $1 AND ${storage.column} IS NOT NULL`;
}
