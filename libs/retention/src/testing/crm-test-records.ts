import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeededContact {
  id: string;
  email: string;
  leadIds: string[];
  activityIds: string[];
}

/** A contact created `ageDays` ago, with leads and activities as asked. */
export async function seedContact(
  dataSource: DataSource,
  companyId: string,
  overrides: {
    ageDays: number;
    email?: string;
    status?: string;
    leads?: number;
    activities?: number;
    now?: Date;
  },
): Promise<SeededContact> {
  const now = overrides.now ?? new Date();
  const createdAt = new Date(now.getTime() - overrides.ageDays * DAY_MS);
  const contact: SeededContact = {
    id: randomUUID(),
    email: overrides.email ?? `${randomUUID()}@example.test`,
    leadIds: [],
    activityIds: [],
  };

  await dataSource.query(
    `INSERT INTO crm_test.contacts (id, company_id, email, status, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [contact.id, companyId, contact.email, overrides.status ?? 'active', createdAt],
  );

  for (let index = 0; index < (overrides.leads ?? 0); index += 1) {
    const leadId = randomUUID();
    await dataSource.query(
      `INSERT INTO crm_test.leads (id, company_id, contact_id, created_at) VALUES ($1, $2, $3, $4)`,
      [leadId, companyId, contact.id, createdAt],
    );
    contact.leadIds.push(leadId);
  }

  for (let index = 0; index < (overrides.activities ?? 0); index += 1) {
    const [row]: { id: string }[] = await dataSource.query(
      `INSERT INTO crm_test.activities (company_id, contact_id, lead_id, occurred_at)
       VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [companyId, contact.id, contact.leadIds[0] ?? null, createdAt],
    );
    contact.activityIds.push(row.id);
  }

  return contact;
}

export async function countRows(
  dataSource: DataSource,
  table: 'contacts' | 'leads' | 'activities',
  companyId: string,
): Promise<number> {
  const [row]: { count: number }[] = await dataSource.query(
    `SELECT count(*)::int AS count FROM crm_test.${table} WHERE company_id = $1`,
    [companyId],
  );
  return row.count;
}

export async function exists(dataSource: DataSource, contactId: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query('SELECT 1 FROM crm_test.contacts WHERE id = $1', [
    contactId,
  ]);
  return rows.length > 0;
}
