import { createConnectorTables } from '@compliance/connector';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sample CRM's records. Contact PII is stored encrypted, with blind indexes for the
 * exact-match lookups; an invoice is kept by law, so its link to the contact may be cut.
 */
export class CreateCrmSchema1733600000000 implements MigrationInterface {
  name = 'CreateCrmSchema1733600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE crm.companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE crm.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE crm.contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        account_id uuid REFERENCES crm.companies (id),
        email_encrypted text,
        email_index text,
        phone_encrypted text,
        phone_index text,
        name_encrypted text,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      'CREATE INDEX contacts_email_index_idx ON crm.contacts (company_id, email_index)',
    );
    await runner.query(
      'CREATE INDEX contacts_phone_index_idx ON crm.contacts (company_id, phone_index)',
    );
    await runner.query(
      'CREATE INDEX contacts_external_idx ON crm.contacts (company_id, external_id)',
    );
    await runner.query(`
      CREATE TABLE crm.leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES crm.contacts (id),
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX leads_contact_idx ON crm.leads (contact_id)');
    await runner.query(`
      CREATE TABLE crm.deals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        lead_id uuid NOT NULL REFERENCES crm.leads (id),
        title text NOT NULL,
        amount_cents bigint NOT NULL,
        stage text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX deals_lead_idx ON crm.deals (lead_id)');
    await runner.query(`
      CREATE TABLE crm.activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        contact_id uuid NOT NULL REFERENCES crm.contacts (id),
        user_id uuid REFERENCES crm.users (id),
        kind text NOT NULL,
        summary text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX activities_contact_idx ON crm.activities (contact_id)');
    await runner.query(`
      CREATE TABLE crm.notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        deal_id uuid NOT NULL REFERENCES crm.deals (id),
        author_id uuid REFERENCES crm.users (id),
        body text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX notes_deal_idx ON crm.notes (deal_id)');
    await runner.query(`
      CREATE TABLE crm.invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL,
        contact_id uuid REFERENCES crm.contacts (id),
        billing_name text,
        total_cents bigint NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX invoices_contact_idx ON crm.invoices (contact_id)');
    await createConnectorTables(runner, 'crm');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `DROP TABLE crm.connector_restrictions, crm.connector_snapshots, crm.connector_tasks,
       crm.invoices, crm.notes, crm.activities, crm.deals, crm.leads, crm.contacts, crm.users,
       crm.companies`,
    );
  }
}
