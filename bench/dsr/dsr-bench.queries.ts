/** The benchmark's own statements: bulk seeding and the plain baseline erasure. */
export const dsrBenchQueries = {
  insertAccount: `INSERT INTO crm.companies (company_id, name) VALUES ($1, 'Bench Ltd') RETURNING id`,

  insertContacts: `INSERT INTO crm.contacts (company_id, account_id, email_index, external_id)
    SELECT $1, $2, c.email_index, c.external_id
    FROM unnest($3::text[], $4::text[]) AS c(email_index, external_id)`,

  insertSubject: `INSERT INTO crm.contacts (company_id, external_id, email_encrypted)
    VALUES ($1, $2, NULL) RETURNING id`,

  /** `$3` leads, a deal for each and a note for each deal. */
  insertPipeline: `
    WITH new_leads AS (
      INSERT INTO crm.leads (company_id, contact_id, source)
      SELECT $1, $2, 'web' FROM generate_series(1, $3::int)
      RETURNING id
    ), new_deals AS (
      INSERT INTO crm.deals (company_id, lead_id, title, amount_cents, stage)
      SELECT $1, id, 'Annual plan', 120000, 'open' FROM new_leads
      RETURNING id
    )
    INSERT INTO crm.notes (company_id, deal_id, body)
    SELECT $1, id, 'Called to agree the next step' FROM new_deals`,

  insertActivities: `INSERT INTO crm.activities (company_id, contact_id, kind, summary, occurred_at)
    SELECT $1, $2, 'call', 'Discussed pricing and the renewal date', now() - g * interval '1 s'
    FROM generate_series(1, $3::int) AS g`,

  analyze: 'ANALYZE crm.contacts',

  /** The access request the export belongs to, as the DSR service would have it. */
  insertRequest: `INSERT INTO dsr.requests (company_id, type, status, jurisdiction, channel,
      requester_relation, identifiers, subject_key, received_at, due_at)
    VALUES ($1, 'access', 'in_progress', 'gdpr', 'api', 'subject', '[]', 'bench', now(),
      now() + interval '30 days') RETURNING id`,

  exportedRecords: `SELECT count(*)::int AS parts, coalesce(sum(records), 0)::int AS records
    FROM dsr.export_parts WHERE request_id = $1`,

  /** The baseline: the same subject's records deleted by hand, children first, one go. */
  rawErase: [
    `DELETE FROM crm.notes WHERE deal_id IN (SELECT d.id FROM crm.deals d
      JOIN crm.leads l ON l.id = d.lead_id JOIN crm.contacts c ON c.id = l.contact_id
      WHERE c.company_id = $1 AND c.external_id = $2)`,
    `DELETE FROM crm.deals WHERE lead_id IN (SELECT l.id FROM crm.leads l
      JOIN crm.contacts c ON c.id = l.contact_id WHERE c.company_id = $1 AND c.external_id = $2)`,
    `DELETE FROM crm.leads WHERE contact_id IN
      (SELECT id FROM crm.contacts WHERE company_id = $1 AND external_id = $2)`,
    `DELETE FROM crm.activities WHERE contact_id IN
      (SELECT id FROM crm.contacts WHERE company_id = $1 AND external_id = $2)`,
    'DELETE FROM crm.contacts WHERE company_id = $1 AND external_id = $2',
  ],
};
