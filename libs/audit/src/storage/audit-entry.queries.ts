/**
 * Every hand-written query on `audit.audit_entries`, named. Values always travel as
 * parameters; the integration tests run each of these on PostgreSQL and PGlite.
 */

/** Arbitrary but fixed: the first key of the per-company advisory lock of the trail. */
export const AUDIT_LOCK_NAMESPACE = 7_310_443;

const ENTRY_COLUMNS = `id, company_id, sequence, occurred_at, actor_type, actor_id, action,
  resource_type, resource_id, outcome, request_id, details, previous_hash, hash`;

/**
 * $1 namespace, $2 company id. Held until the transaction ends, so a company's writers
 * take turns. It must be its own statement: under READ COMMITTED the next statement then
 * takes a snapshot that already shows the entry the previous holder committed.
 */
export const LOCK_COMPANY_TRAIL = `SELECT pg_advisory_xact_lock($1, hashtext($2))`;

/**
 * $1 company id. The clock is the database's, read after the lock, so entries of one
 * company are stamped in sequence order whichever replica writes them. Milliseconds only,
 * the precision the hash covers.
 */
export const CHAIN_HEAD = `
  SELECT date_trunc('milliseconds', clock_timestamp()) AS now, head.sequence, head.hash
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT sequence, hash FROM audit.audit_entries
    WHERE company_id = $1
    ORDER BY sequence DESC
    LIMIT 1
  ) AS head ON true`;

export const INSERT_ENTRY = `
  INSERT INTO audit.audit_entries (${ENTRY_COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14)`;

/** $1 the last company seen, or null to start. One index probe per company. */
export const NEXT_COMPANY = `
  SELECT company_id FROM audit.audit_entries
  WHERE $1::uuid IS NULL OR company_id > $1::uuid
  ORDER BY company_id
  LIMIT 1`;

/**
 * $1 company id, $2 and $3 the sequence and id of the last entry read, $4 page size.
 * Paging on (sequence, id) rather than sequence alone still reaches every row if a
 * duplicate sequence was forced in.
 */
export const CHAIN_PAGE = `
  SELECT ${ENTRY_COLUMNS} FROM audit.audit_entries
  WHERE company_id = $1 AND (sequence, id) > ($2::bigint, $3::uuid)
  ORDER BY sequence, id
  LIMIT $4`;

/**
 * $1 company id, then the optional filters as null when absent: $2 actor id, $3 action,
 * $4 resource type, $5 resource id, $6 from (inclusive), $7 to (exclusive).
 */
const LISTING_FILTER = `
  WHERE company_id = $1
    AND ($2::text IS NULL OR actor_id = $2::text)
    AND ($3::text IS NULL OR action = $3::text)
    AND ($4::text IS NULL OR resource_type = $4::text)
    AND ($5::text IS NULL OR resource_id = $5::text)
    AND ($6::timestamptz IS NULL OR occurred_at >= $6::timestamptz)
    AND ($7::timestamptz IS NULL OR occurred_at < $7::timestamptz)`;

export const COUNT_LISTED_ENTRIES = `
  SELECT count(*) AS total FROM audit.audit_entries ${LISTING_FILTER}`;

/** The listing filter, then $8 limit and $9 offset; newest first. */
export const LIST_ENTRIES = `
  SELECT ${ENTRY_COLUMNS} FROM audit.audit_entries ${LISTING_FILTER}
  ORDER BY sequence DESC
  LIMIT $8 OFFSET $9`;
