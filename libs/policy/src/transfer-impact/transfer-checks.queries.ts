/** Hand-written SQL of the transfer-check record, in one place. */
export const TRANSFER_CHECK_QUERIES = {
  /** $1 company, $2 category, $3 from, $4 to: the route only, never who or what moved. */
  record: `
    INSERT INTO policy.transfer_checks (company_id, category, from_region, to_region)
    VALUES ($1, $2, $3, $4)`,

  /** The routes a company checked since $2, with how often: a replay evaluates each once. */
  routesSince: `
    SELECT category, from_region, to_region, count(*)::int AS checks
    FROM policy.transfer_checks
    WHERE company_id = $1 AND checked_at >= $2
    GROUP BY category, from_region, to_region
    ORDER BY category, from_region, to_region`,

  /** The companies with checks made before $1, each pruned in a transaction of its own. */
  companiesWithChecksBefore: `
    SELECT DISTINCT company_id FROM policy.transfer_checks
    WHERE checked_at < $1
    ORDER BY company_id`,

  /** Up to $3 of company $1's checks made before $2; the number deleted is the row count. */
  deleteOfCompanyBefore: `
    DELETE FROM policy.transfer_checks
    WHERE id IN (
      SELECT id FROM policy.transfer_checks
      WHERE company_id = $1 AND checked_at < $2
      ORDER BY checked_at LIMIT $3
    )`,
} as const;

export interface TransferRouteRow {
  category: string;
  from_region: string;
  to_region: string;
  checks: number;
}
