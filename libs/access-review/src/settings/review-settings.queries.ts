export const SELECT_SETTINGS = `
  SELECT cadence, inactivity_days, unused_role_days, privileged_roles, admin_roles,
         review_days, reminder_days, undecided_action
  FROM access_review.settings WHERE company_id = $1`;

export const UPSERT_SETTINGS = `
  INSERT INTO access_review.settings (company_id, inactivity_days, unused_role_days,
    privileged_roles, admin_roles, review_days, reminder_days, undecided_action, cadence)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (company_id) DO UPDATE SET
    cadence = EXCLUDED.cadence,
    inactivity_days = EXCLUDED.inactivity_days,
    unused_role_days = EXCLUDED.unused_role_days,
    privileged_roles = EXCLUDED.privileged_roles,
    admin_roles = EXCLUDED.admin_roles,
    review_days = EXCLUDED.review_days,
    reminder_days = EXCLUDED.reminder_days,
    undecided_action = EXCLUDED.undecided_action,
    updated_at = now()`;

/** Companies the schedule reviews: any that has sent identity events or has settings. */
export const SELECT_KNOWN_COMPANIES = `
  SELECT company_id FROM access_review.users
  UNION SELECT company_id FROM access_review.user_roles
  UNION SELECT company_id FROM access_review.settings
  ORDER BY company_id`;
