import { recordAudit } from '@compliance/audit';
import { AuthContext } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { DEFAULT_REVIEW_SETTINGS, ReviewSettings } from './review-settings';
import { SELECT_SETTINGS, UPSERT_SETTINGS } from './review-settings.queries';

interface SettingsRow {
  cadence: ReviewSettings['cadence'];
  inactivity_days: number;
  unused_role_days: number;
  privileged_roles: string[];
  admin_roles: string[];
  review_days: number;
  reminder_days: number[];
  undecided_action: ReviewSettings['undecidedAction'];
}

/** A company's settings, or the defaults until a policy sets them. */
export async function loadReviewSettings(
  manager: EntityManager,
  companyId: string,
): Promise<ReviewSettings> {
  const rows: SettingsRow[] = await manager.query(SELECT_SETTINGS, [companyId]);
  const row = rows[0];

  if (!row) {
    return { ...DEFAULT_REVIEW_SETTINGS };
  }

  return {
    cadence: row.cadence,
    inactivityDays: row.inactivity_days,
    unusedRoleDays: row.unused_role_days,
    privilegedRoles: row.privileged_roles,
    adminRoles: row.admin_roles,
    reviewDays: row.review_days,
    reminderDays: row.reminder_days,
    undecidedAction: row.undecided_action,
  };
}

/**
 * The one way settings change: a patch over the current values, audited in the same
 * transaction. The handler of `compliance.events.policy.applied.v1` is meant to call
 * this with the applied policy's `accessReview` section.
 */
export async function updateReviewSettings(
  manager: EntityManager,
  auth: AuthContext,
  patch: Partial<ReviewSettings>,
): Promise<ReviewSettings> {
  const current = await loadReviewSettings(manager, auth.companyId);
  const next: ReviewSettings = { ...current, ...definedOnly(patch) };

  await manager.query(UPSERT_SETTINGS, [
    auth.companyId,
    next.inactivityDays,
    next.unusedRoleDays,
    next.privilegedRoles,
    next.adminRoles,
    next.reviewDays,
    [...new Set(next.reminderDays)].sort((a, b) => b - a),
    next.undecidedAction,
    next.cadence,
  ]);
  await recordAudit(manager, {
    companyId: auth.companyId,
    actor: auth.actor,
    action: 'access-review.settings-updated',
    resourceType: 'access-review-settings',
    outcome: 'success',
    requestId: auth.requestId,
    details: { changed: Object.keys(definedOnly(patch)).sort() },
  });

  return next;
}

function definedOnly(patch: Partial<ReviewSettings>): Partial<ReviewSettings> {
  const defined: Partial<ReviewSettings> = Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  );

  return defined;
}
