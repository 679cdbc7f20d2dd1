import { DataSource } from 'typeorm';

/**
 * A company of `users` users: everyone holds `sales`, one in 100 `admin`, one in 500
 * `finance-admin` (privileged). Grants are spread over the past two years, and managers
 * form a tree of 10 reports each. One user in 50 never used their roles. Activity events land in a staging table, spread over
 * the past 180 days across every user, to be folded into the projection afterwards.
 */
export async function seedIdentity(
  dataSource: DataSource,
  companyId: string,
  users: number,
  events: number,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO access_review.users (company_id, user_id, email, created_at, manager_id)
     SELECT $1, 'u' || n, 'u' || n || '@bench.test', now() - interval '800 days',
       CASE WHEN n > 1 THEN 'u' || (n / 10 + 1) END
     FROM generate_series(1, $2) AS n`,
    [companyId, users],
  );
  await dataSource.query(
    `INSERT INTO access_review.user_roles (company_id, user_id, role, granted_at, granted_by,
       last_used_at)
     SELECT $1, 'u' || n, role, now() - (n % 730) * interval '1 day', 'u1',
       CASE WHEN n % 50 <> 0 THEN now() - (n % 30) * interval '1 day' END
     FROM generate_series(1, $2) AS n
     CROSS JOIN LATERAL (
       SELECT 'sales' AS role
       UNION ALL SELECT 'admin' WHERE n % 100 = 0
       UNION ALL SELECT 'finance-admin' WHERE n % 500 = 0
     ) AS roles`,
    [companyId, users],
  );
  await dataSource.query(
    `CREATE UNLOGGED TABLE bench_activity AS
     SELECT 'u' || (1 + (hashint4(n) & 2147483647) % $1) AS user_id,
       now() - ((hashint4(n + 7) & 2147483647) % (180 * 86400)) * interval '1 second' AS at
     FROM generate_series(1, $2) AS n`,
    [users, events],
  );
  await dataSource.query('ANALYZE');
}
