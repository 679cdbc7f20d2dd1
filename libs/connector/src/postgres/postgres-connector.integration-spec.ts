import { randomUUID } from 'node:crypto';

import { openDataSource } from '@compliance/persistence';
import { createTestDatabase, TestDatabase } from '@compliance/testing';
import { DataSource } from 'typeorm';

import { RegisteredDataMap } from '../data-map/registered-data-map';
import { PostgresConnector } from './postgres-connector';
import { IdentifierMatcher } from './subject-records';

const SCHEMA_SQL = `
  CREATE SCHEMA crm;
  CREATE TABLE crm.contacts (id uuid PRIMARY KEY, company_id uuid NOT NULL, email text, name text);
  CREATE TABLE crm.leads (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    contact_id uuid NOT NULL REFERENCES crm.contacts (id), source text);
  CREATE TABLE crm.deals (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    lead_id uuid NOT NULL REFERENCES crm.leads (id), amount int);
  CREATE TABLE crm.notes (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    deal_id uuid NOT NULL REFERENCES crm.deals (id), body text);
  CREATE TABLE crm.invoices (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    contact_id uuid REFERENCES crm.contacts (id), billing_name text, total int);
  CREATE TABLE crm.calls (id uuid PRIMARY KEY, company_id uuid NOT NULL,
    contact_id uuid REFERENCES crm.contacts (id), deal_id uuid REFERENCES crm.deals (id),
    summary text);
`;

const dataMap = RegisteredDataMap.register({
  module: 'crm-test',
  entities: [
    {
      name: 'contact',
      table: 'crm.contacts',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
      piiFields: [
        { column: 'email', category: 'contact' },
        { column: 'name', category: 'identity' },
      ],
    },
    {
      name: 'lead',
      table: 'crm.leads',
      relations: [{ column: 'contact_id', references: 'contact' }],
    },
    { name: 'deal', table: 'crm.deals', relations: [{ column: 'lead_id', references: 'lead' }] },
    {
      name: 'note',
      table: 'crm.notes',
      piiFields: [{ column: 'body', category: 'free_text' }],
      relations: [{ column: 'deal_id', references: 'deal' }],
    },
    {
      name: 'invoice',
      table: 'crm.invoices',
      erasure: 'retain',
      piiFields: [{ column: 'billing_name', category: 'identity', erasure: 'pseudonymize' }],
      relations: [{ column: 'contact_id', references: 'contact' }],
    },
    {
      // Reached two ways, through the contact and through a deal: still one record each.
      name: 'call',
      table: 'crm.calls',
      piiFields: [{ column: 'summary', category: 'free_text' }],
      relations: [
        { column: 'contact_id', references: 'contact' },
        { column: 'deal_id', references: 'deal' },
      ],
    },
  ],
});

/** Plain columns here: the identifier is stored lowercased. */
const matcher: IdentifierMatcher = (_company, identifier) => identifier.value.trim().toLowerCase();

describe('PostgresConnector', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let connector: PostgresConnector;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource({
      endpoint: { kind: 'url', url: database.url },
      entities: [],
      poolSize: 2,
      applicationName: 'connector-test',
    });
    await dataSource.query(SCHEMA_SQL);
    connector = new PostgresConnector(dataSource, dataMap, matcher, { batchSize: 3 });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  /** A contact with two leads, each with a deal and two notes, and an invoice. */
  async function seedSubject(companyId: string, email: string) {
    const contact = randomUUID();
    await dataSource.query(`INSERT INTO crm.contacts VALUES ($1, $2, $3, 'Ada')`, [
      contact,
      companyId,
      email,
    ]);

    for (let lead = 0; lead < 2; lead += 1) {
      const leadId = randomUUID();
      const dealId = randomUUID();
      await dataSource.query(`INSERT INTO crm.leads VALUES ($1, $2, $3, 'web')`, [
        leadId,
        companyId,
        contact,
      ]);
      await dataSource.query(`INSERT INTO crm.deals VALUES ($1, $2, $3, 100)`, [
        dealId,
        companyId,
        leadId,
      ]);
      for (let note = 0; note < 2; note += 1) {
        await dataSource.query(`INSERT INTO crm.notes VALUES ($1, $2, $3, 'called')`, [
          randomUUID(),
          companyId,
          dealId,
        ]);
      }
    }

    await dataSource.query(`INSERT INTO crm.invoices VALUES ($1, $2, $3, 'Ada L.', 250)`, [
      randomUUID(),
      companyId,
      contact,
    ]);
    return contact;
  }

  /** Calls on the contact, each also on one of the contact's deals. */
  async function seedCalls(companyId: string, contact: string, calls: number) {
    await dataSource.query(
      `INSERT INTO crm.calls (id, company_id, contact_id, deal_id, summary)
       SELECT gen_random_uuid(), $1, $2, d.id, 'rang back'
       FROM generate_series(1, $3::int) g,
         LATERAL (SELECT d.id FROM crm.deals d JOIN crm.leads l ON l.id = d.lead_id
           WHERE l.contact_id = $2 ORDER BY d.id LIMIT 1) d`,
      [companyId, contact, calls],
    );
  }

  /** The ids of every record that belongs to the contact, per entity, found by hand. */
  async function idsOf(contact: string) {
    const [row] = await dataSource.query<Record<string, string[]>[]>(
      `SELECT
        ARRAY(SELECT id::text FROM crm.contacts WHERE id = $1 ORDER BY 1) AS contact,
        ARRAY(SELECT id::text FROM crm.leads WHERE contact_id = $1 ORDER BY 1) AS lead,
        ARRAY(SELECT d.id::text FROM crm.deals d JOIN crm.leads l ON l.id = d.lead_id
          WHERE l.contact_id = $1 ORDER BY 1) AS deal,
        ARRAY(SELECT n.id::text FROM crm.notes n JOIN crm.deals d ON d.id = n.deal_id
          JOIN crm.leads l ON l.id = d.lead_id WHERE l.contact_id = $1 ORDER BY 1) AS note,
        ARRAY(SELECT id::text FROM crm.invoices WHERE contact_id = $1 ORDER BY 1) AS invoice,
        ARRAY(SELECT id::text FROM crm.calls WHERE contact_id = $1 ORDER BY 1) AS call`,
      [contact],
    );
    return row;
  }

  it('should locate every related record of a subject and nothing of another company', async () => {
    const company = randomUUID();
    const otherCompany = randomUUID();
    await seedSubject(company, 'ada@example.com');
    await seedSubject(otherCompany, 'ada@example.com');
    await seedSubject(company, 'grace@example.com');

    const records = await connector.locate({
      companyId: company,
      identifiers: [{ kind: 'email', value: ' ADA@example.com ' }],
    });

    // One contact, 2 leads, 2 deals, 2 x 2 notes, 1 invoice; no call, but calls were searched.
    expect(Object.fromEntries(Object.entries(records).map(([k, v]) => [k, v.length]))).toEqual({
      contact: 1,
      lead: 2,
      deal: 2,
      note: 4,
      invoice: 1,
      call: 0,
    });
  });

  it('should erase children first in batches, keep retained records PII-free, again', async () => {
    const company = randomUUID();
    await seedSubject(company, 'erase-me@example.com');
    const records = await connector.locate({
      companyId: company,
      identifiers: [{ kind: 'email', value: 'erase-me@example.com' }],
    });

    expect(await connector.remainingPersonalData(company, records)).toBeGreaterThan(0);

    const counts = await connector.erase(company, records);
    const again = await connector.erase(company, records);

    expect(counts).toEqual({
      deleted: { note: 4, deal: 2, lead: 2, contact: 1 },
      anonymised: { invoice: 1 },
    });
    expect(again.deleted).toEqual({ note: 0, deal: 0, lead: 0, contact: 0 });
    expect(await connector.remainingPersonalData(company, records)).toBe(0);

    const [invoice] = await dataSource.query(
      'SELECT billing_name, total, contact_id FROM crm.invoices WHERE company_id = $1',
      [company],
    );
    expect(invoice.total).toBe(250);
    expect(invoice.billing_name).toMatch(/^erased:/);
  });

  it('should stream a subject’s rows in batches', async () => {
    const company = randomUUID();
    await seedSubject(company, 'export@example.com');
    const records = await connector.locate({
      companyId: company,
      identifiers: [{ kind: 'email', value: 'export@example.com' }],
    });

    const batchSizes: number[] = [];
    for await (const rows of connector.rows(company, 'note', records.note)) {
      batchSizes.push(rows.length);
    }

    expect(batchSizes).toEqual([3, 1]);
  });

  it('should export each record of the subject once, batch by batch, nothing else', async () => {
    const company = randomUUID();
    const otherCompany = randomUUID();
    const subject = await seedSubject(company, 'many@example.com');
    await seedCalls(company, subject, 7);
    await seedCalls(otherCompany, await seedSubject(otherCompany, 'many@example.com'), 2);
    await seedCalls(company, await seedSubject(company, 'someone-else@example.com'), 2);

    const batches: { entity: string; ids: string[] }[] = [];
    const counts = await connector.exportSubject(
      {
        companyId: company,
        // The same person twice over: the contact still comes once.
        identifiers: [
          { kind: 'email', value: 'many@example.com' },
          { kind: 'email', value: 'MANY@example.com' },
        ],
      },
      async (entity, rows) => {
        expect(rows.every((row) => row.company_id === company)).toBe(true);
        batches.push({ entity, ids: rows.map((row) => String(row.id)) });
      },
    );

    const exported: Record<string, string[]> = {};
    for (const { entity, ids } of batches) {
      exported[entity] = [...(exported[entity] ?? []), ...ids].sort();
    }

    // With batches of 3: 7 calls make three batches, 4 notes two.
    expect(batches.filter((b) => b.entity === 'call').map((b) => b.ids.length)).toEqual([3, 3, 1]);
    expect(batches.every((batch) => batch.ids.length <= 3)).toBe(true);
    expect(exported).toEqual(await idsOf(subject));
    expect(counts).toEqual({ contact: 1, lead: 2, deal: 2, note: 4, invoice: 1, call: 7 });
  });

  it('should locate the same records as it exports', async () => {
    const company = randomUUID();
    const subject = await seedSubject(company, 'same@example.com');
    await seedCalls(company, subject, 4);
    const query = {
      companyId: company,
      identifiers: [{ kind: 'email' as const, value: 'same@example.com' }],
    };

    const exported: Record<string, string[]> = {};
    await connector.exportSubject(query, async (entity, rows) => {
      exported[entity] = [...(exported[entity] ?? []), ...rows.map((row) => String(row.id))];
    });
    Object.values(exported).forEach((ids) => ids.sort());

    expect(await connector.locate(query)).toEqual(exported);
  });

  it('should export nothing, and hold nothing, for a subject it does not know', async () => {
    const sent: unknown[] = [];
    const counts = await connector.exportSubject(
      { companyId: randomUUID(), identifiers: [{ kind: 'email', value: 'nobody@example.com' }] },
      async (_entity, rows) => {
        sent.push(...rows);
      },
    );
    const [{ tables }] = await dataSource.query<{ tables: number }[]>(
      `SELECT count(*)::int AS tables FROM pg_class
       WHERE relname LIKE 'connector_located_%' AND relpersistence = 't'`,
    );

    expect(sent).toEqual([]);
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
    expect(tables).toBe(0);
  });
});
