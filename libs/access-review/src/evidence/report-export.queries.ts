export const INSERT_REPORT_EXPORT = `
  INSERT INTO access_review.report_exports (company_id, review_id, format, content_hash, bytes,
    pages, generated_at, expires_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING id`;

/** Pages from number $2 on, in the order given. */
export const INSERT_REPORT_PAGES = `
  INSERT INTO access_review.report_export_pages (export_id, page, content)
  SELECT $1, $2 + page.number - 1, page.content
  FROM unnest($3::text[]) WITH ORDINALITY AS page (content, number)`;

/** One page of a company's export that has not expired; another company's is not there. */
export const SELECT_REPORT_PAGE = `
  SELECT p.content, e.pages
  FROM access_review.report_exports e
  JOIN access_review.report_export_pages p ON p.export_id = e.id AND p.page = $3
  WHERE e.id = $1 AND e.company_id = $2 AND e.expires_at > $4`;

/** The companies holding exports past their time at $1. */
export const SELECT_COMPANIES_WITH_EXPIRED_EXPORTS = `
  SELECT DISTINCT company_id FROM access_review.report_exports
  WHERE expires_at <= $1
  ORDER BY company_id`;

/** $1 company's expired exports go with their pages; the hash stays in the audit trail. */
export const DELETE_EXPIRED_REPORT_EXPORTS_OF = `
  DELETE FROM access_review.report_exports WHERE company_id = $1 AND expires_at <= $2
  RETURNING pages`;
