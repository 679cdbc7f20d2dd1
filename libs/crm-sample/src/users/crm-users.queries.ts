/** The sample CRM's SQL about its own users and the companies it serves. */
export const crmUsersQueries = {
  insertUser: `
    INSERT INTO crm.users (company_id, display_name, role)
    VALUES ($1, $2, $3)
    RETURNING id, created_at`,

  touchUser: `
    UPDATE crm.users SET last_active_at = $3
    WHERE company_id = $1 AND id = $2
    RETURNING role`,

  /** Tenants with records here, for announcing the connector to each of them. */
  companiesHeld: 'SELECT DISTINCT company_id FROM crm.companies ORDER BY company_id',
};
