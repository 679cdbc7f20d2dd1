/**
 * Every role a company's users hold today, with the reasons it is up for review:
 * `deactivated` (the user is gone but keeps the role), `inactive` (no activity since
 * $2; a user never seen counts from creation, else from the grant), `privileged`
 * (a role in $4) and `unused` (granted before $3 and not used since the grant).
 * $1 company, $2 inactivity cutoff, $3 unused-role cutoff, $4 privileged roles.
 */
export const DETECT_STALE_ACCESS = `
  SELECT user_id, role, reasons, manager_id FROM (
    SELECT r.user_id, r.role, u.manager_id,
      array_remove(ARRAY[
        CASE WHEN u.deactivated_at IS NOT NULL THEN 'deactivated' END,
        CASE WHEN u.deactivated_at IS NULL
          AND COALESCE(u.last_active_at, u.created_at, r.granted_at) < $2 THEN 'inactive' END,
        CASE WHEN r.role = ANY($4::text[]) THEN 'privileged' END,
        CASE WHEN r.granted_at < $3
          AND (r.last_used_at IS NULL OR r.last_used_at < r.granted_at) THEN 'unused' END
      ], NULL) AS reasons
    FROM access_review.user_roles r
    LEFT JOIN access_review.users u ON u.company_id = r.company_id AND u.user_id = r.user_id
    WHERE r.company_id = $1
      AND r.granted_at IS NOT NULL
      AND (r.revoked_at IS NULL OR r.granted_at > r.revoked_at)
  ) AS held
  WHERE cardinality(reasons) > 0
  ORDER BY user_id, role`;

/** Users who can review others: active holders of an admin role ($2). */
export const SELECT_ADMINS = `
  SELECT DISTINCT r.user_id FROM access_review.user_roles r
  LEFT JOIN access_review.users u ON u.company_id = r.company_id AND u.user_id = r.user_id
  WHERE r.company_id = $1 AND r.role = ANY($2::text[])
    AND r.granted_at IS NOT NULL AND (r.revoked_at IS NULL OR r.granted_at > r.revoked_at)
    AND u.deactivated_at IS NULL
  ORDER BY r.user_id`;

/** Users of the company that are deactivated, to keep them from reviewing. */
export const SELECT_DEACTIVATED = `
  SELECT user_id FROM access_review.users WHERE company_id = $1 AND deactivated_at IS NOT NULL`;
