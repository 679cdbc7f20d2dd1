import { randomUUID } from 'node:crypto';

import { CrmContactsRepository } from '@compliance/crm-sample';
import { DataSource } from 'typeorm';

/** A contact with 2 leads, each with a deal and 2 notes, 3 activities and an invoice. */
export async function seedSubject(
  crm: DataSource,
  contacts: Pick<CrmContactsRepository, 'create'>,
  companyId: string,
  email: string,
): Promise<string> {
  const contactId = await contacts.create(companyId, {
    email,
    name: 'Ada Lovelace',
    phone: phoneOf(email),
  });

  for (let lead = 0; lead < 2; lead += 1) {
    const leadId = randomUUID();
    const dealId = randomUUID();
    await crm.query(
      `INSERT INTO crm.leads (id, company_id, contact_id, source) VALUES ($1, $2, $3, 'web')`,
      [leadId, companyId, contactId],
    );
    await crm.query(
      `INSERT INTO crm.deals (id, company_id, lead_id, title, amount_cents, stage)
       VALUES ($1, $2, $3, 'Analytical engine', 120000, 'won')`,
      [dealId, companyId, leadId],
    );
    for (let note = 0; note < 2; note += 1) {
      await crm.query(
        `INSERT INTO crm.notes (company_id, deal_id, body)
         VALUES ($1, $2, 'called about the engine')`,
        [companyId, dealId],
      );
    }
  }

  for (let activity = 0; activity < 3; activity += 1) {
    await crm.query(
      `INSERT INTO crm.activities (company_id, contact_id, kind, summary)
       VALUES ($1, $2, 'email', 'sent a quote')`,
      [companyId, contactId],
    );
  }

  await crm.query(
    `INSERT INTO crm.invoices (company_id, contact_id, billing_name, total_cents)
     VALUES ($1, $2, 'A. Lovelace', 99900)`,
    [companyId, contactId],
  );
  return contactId;
}

const TABLES = ['contacts', 'leads', 'deals', 'activities', 'notes', 'invoices'];

/** Every row of the company's CRM tables as JSON, for an exact before/after comparison. */
export async function crmRows(
  crm: DataSource,
  companyId: string,
): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};

  for (const table of TABLES) {
    const rows = await crm.query<{ row: unknown }[]>(
      `SELECT to_jsonb(t) AS row FROM crm.${table} t WHERE company_id = $1 ORDER BY id`,
      [companyId],
    );
    result[table] = rows.map((r) => r.row);
  }

  return result;
}

/** A phone number of the subject's own, so phone lookups never reach another subject. */
export function phoneOf(email: string): string {
  const digits = [...email].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1_000_000, 7);
  return `+44 20 7946 ${String(digits).padStart(6, '0')}`;
}
