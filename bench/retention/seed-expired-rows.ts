import { DataSource } from 'typeorm';

export const BENCH_TABLE_SQL = `
  CREATE SCHEMA bench_crm;
  CREATE TABLE bench_crm.events (
    id bigserial PRIMARY KEY,
    company_id uuid NOT NULL,
    email text NOT NULL,
    payload text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX events_company_created ON bench_crm.events (company_id, created_at);
`;

export const BENCH_DATA_MAP = {
  module: 'bench-crm',
  entities: [
    {
      name: 'event',
      table: 'bench_crm.events',
      subjectIdentifiers: [{ kind: 'email', column: 'email' }],
      piiFields: [{ column: 'email', category: 'contact' }],
    },
  ],
};

/**
 * `count` rows dated three years back: every one of them past a one-year policy. The space
 * an earlier phase's deletions freed is reclaimed first, so the rows fill it as they filled
 * a fresh table and each phase deletes from a heap of the same size and order.
 */
export async function seedExpiredRows(
  dataSource: DataSource,
  companyId: string,
  count: number,
): Promise<void> {
  const chunk = 250_000;

  await dataSource.query('VACUUM bench_crm.events');

  for (let start = 1; start <= count; start += chunk) {
    const end = Math.min(count, start + chunk - 1);

    await dataSource.query(
      `INSERT INTO bench_crm.events (company_id, email, payload, created_at, updated_at)
       SELECT $1, 'subject' || n || '@example.test', repeat('x', 120),
              now() - interval '3 years' - n * interval '1 second',
              now() - interval '3 years'
       FROM generate_series($2::int, $3::int) AS n`,
      [companyId, start, end],
    );
  }

  await dataSource.query('VACUUM ANALYZE bench_crm.events');
}
