/**
 * How each identity event folds into the projection. Every statement only moves a time
 * forward (GREATEST ignores NULL) or keeps the latest of two values by their event
 * time, so handling the same events again, or in another order, gives the same rows.
 */

/** $3 is the address sealed by field encryption; a sealed one replaces any clear copy. */
export const UPSERT_USER_CREATED = `
  INSERT INTO access_review.users (company_id, user_id, email_sealed, created_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (company_id, user_id) DO UPDATE SET
    email_sealed = COALESCE(EXCLUDED.email_sealed, users.email_sealed),
    email = CASE WHEN EXCLUDED.email_sealed IS NULL THEN users.email END,
    created_at = LEAST(users.created_at, EXCLUDED.created_at)`;

export const UPSERT_USER_DEACTIVATED = `
  INSERT INTO access_review.users (company_id, user_id, deactivated_at) VALUES ($1, $2, $3)
  ON CONFLICT (company_id, user_id) DO UPDATE SET
    deactivated_at = GREATEST(users.deactivated_at, EXCLUDED.deactivated_at)`;

export const UPSERT_USER_ACTIVE = `
  INSERT INTO access_review.users (company_id, user_id, last_active_at) VALUES ($1, $2, $3)
  ON CONFLICT (company_id, user_id) DO UPDATE SET
    last_active_at = GREATEST(users.last_active_at, EXCLUDED.last_active_at)`;

/** A role used before its grant arrives keeps the use; the grant fills in later. */
export const UPSERT_ROLES_USED = `
  INSERT INTO access_review.user_roles (company_id, user_id, role, last_used_at)
  SELECT $1, $2, role, $4 FROM unnest($3::text[]) AS role
  ON CONFLICT (company_id, user_id, role) DO UPDATE SET
    last_used_at = GREATEST(user_roles.last_used_at, EXCLUDED.last_used_at)`;

/** The latest grant names the granter; ties go to the larger id so order never matters. */
export const UPSERT_ROLE_GRANTED = `
  INSERT INTO access_review.user_roles (company_id, user_id, role, granted_at, granted_by)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (company_id, user_id, role) DO UPDATE SET
    granted_by = CASE
      WHEN user_roles.granted_at IS NULL
        OR (EXCLUDED.granted_at, EXCLUDED.granted_by)
          > (user_roles.granted_at, user_roles.granted_by)
      THEN EXCLUDED.granted_by ELSE user_roles.granted_by END,
    granted_at = GREATEST(user_roles.granted_at, EXCLUDED.granted_at)`;

export const UPSERT_ROLE_REVOKED = `
  INSERT INTO access_review.user_roles (company_id, user_id, role, revoked_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (company_id, user_id, role) DO UPDATE SET
    revoked_at = GREATEST(user_roles.revoked_at, EXCLUDED.revoked_at)`;

/** The latest assignment wins; a tie goes to the larger manager id (none sorts first). */
export const UPSERT_MANAGER_SET = `
  INSERT INTO access_review.users (company_id, user_id, manager_id, manager_set_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (company_id, user_id) DO UPDATE SET
    manager_id = CASE
      WHEN users.manager_set_at IS NULL
        OR (EXCLUDED.manager_set_at, COALESCE(EXCLUDED.manager_id, ''))
          > (users.manager_set_at, COALESCE(users.manager_id, ''))
      THEN EXCLUDED.manager_id ELSE users.manager_id END,
    manager_set_at = GREATEST(users.manager_set_at, EXCLUDED.manager_set_at)`;

/**
 * Many activity events at once, as a replay or a backfill does: one row per user with
 * the latest time among them. The bench drives the projection through this.
 */
export const UPSERT_USERS_ACTIVE_BATCH = `
  INSERT INTO access_review.users (company_id, user_id, last_active_at)
  SELECT $1, user_id, max(at) FROM unnest($2::text[], $3::timestamptz[]) AS e (user_id, at)
  GROUP BY user_id
  ON CONFLICT (company_id, user_id) DO UPDATE SET
    last_active_at = GREATEST(users.last_active_at, EXCLUDED.last_active_at)`;
