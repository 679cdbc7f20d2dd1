/**
 * The seed's bulk SQL: one statement per batch, arrays in, rows made server-side, so a
 * million contacts cost a few hundred round trips rather than millions.
 */
export const crmSeedQueries = {
  findCompany: 'SELECT id FROM crm.companies WHERE company_id = $1 ORDER BY created_at LIMIT 1',

  insertCompany: `INSERT INTO crm.companies (company_id, name) VALUES ($1, $2) RETURNING id`,

  usersOf: 'SELECT id FROM crm.users WHERE company_id = $1 ORDER BY created_at',

  insertContacts: `
    INSERT INTO crm.contacts (id, company_id, account_id, email_encrypted, email_index,
      phone_encrypted, phone_index, name_encrypted, external_id)
    SELECT c.id, $1, $2, c.email_encrypted, c.email_index, c.phone_encrypted, c.phone_index,
      c.name_encrypted, c.external_id
    FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
      $9::text[]) AS c(id, email_encrypted, email_index, phone_encrypted, phone_index,
      name_encrypted, external_id)`,

  /** About half the contacts become leads, most leads a deal, every deal a note. */
  insertPipeline: `
    WITH new_leads AS (
      INSERT INTO crm.leads (company_id, contact_id, source)
      SELECT $1, c, (ARRAY['web', 'referral', 'event', 'partner'])[1 + floor(random() * 4)::int]
      FROM unnest($2::uuid[]) AS c
      WHERE random() < 0.5
      RETURNING id
    ), new_deals AS (
      INSERT INTO crm.deals (company_id, lead_id, title, amount_cents, stage)
      SELECT $1, id, 'Annual plan', (1000 + floor(random() * 99000))::bigint * 100,
        (ARRAY['open', 'won', 'lost'])[1 + floor(random() * 3)::int]
      FROM new_leads
      WHERE random() < 0.6
      RETURNING id
    )
    INSERT INTO crm.notes (company_id, deal_id, author_id, body)
    SELECT $1, id, ($3::uuid[])[1 + floor(random() * cardinality($3::uuid[]))::int],
      'Called to agree the next step'
    FROM new_deals`,

  /** Two activities a contact, by one of the company's users, within the last year. */
  insertActivities: `
    INSERT INTO crm.activities (company_id, contact_id, user_id, kind, summary, occurred_at)
    SELECT $1, c, ($3::uuid[])[1 + floor(random() * cardinality($3::uuid[]))::int],
      (ARRAY['email', 'call', 'meeting'])[1 + floor(random() * 3)::int],
      'Discussed pricing', now() - random() * interval '365 days'
    FROM unnest($2::uuid[]) AS c, generate_series(1, 2)`,

  /** One contact in ten was billed; the invoice carries the name as printed. */
  insertInvoices: `
    INSERT INTO crm.invoices (company_id, contact_id, billing_name, total_cents)
    SELECT $1, c.id, c.name, (100 + floor(random() * 9900))::bigint * 100
    FROM unnest($2::uuid[], $3::text[]) AS c(id, name)
    WHERE random() < 0.1`,
};
