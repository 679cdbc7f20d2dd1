import { StaleAccessReason } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { ReviewSettings } from '../settings/review-settings';
import { chooseReviewer, ReviewerChoice } from './reviewer-assignment';
import { DETECT_STALE_ACCESS, SELECT_ADMINS, SELECT_DEACTIVATED } from './detection.queries';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DetectedItem extends ReviewerChoice {
  userId: string;
  role: string;
  reasons: StaleAccessReason[];
}

interface DetectedRow {
  user_id: string;
  role: string;
  reasons: StaleAccessReason[];
  manager_id: string | null;
}

/** The items a campaign opened at `now` would hold, each with its reviewer. */
export async function detectStaleAccess(
  manager: EntityManager,
  companyId: string,
  settings: ReviewSettings,
  now: Date,
): Promise<DetectedItem[]> {
  const inactiveBefore = new Date(now.getTime() - settings.inactivityDays * DAY_MS);
  const unusedBefore = new Date(now.getTime() - settings.unusedRoleDays * DAY_MS);

  const rows: DetectedRow[] = await manager.query(DETECT_STALE_ACCESS, [
    companyId,
    inactiveBefore,
    unusedBefore,
    settings.privilegedRoles,
  ]);
  const admins: { user_id: string }[] = await manager.query(SELECT_ADMINS, [
    companyId,
    settings.adminRoles,
  ]);
  const deactivated: { user_id: string }[] = await manager.query(SELECT_DEACTIVATED, [companyId]);

  const pool = {
    admins: admins.map((row) => row.user_id),
    deactivated: new Set(deactivated.map((row) => row.user_id)),
  };

  return rows.map((row, index) => ({
    userId: row.user_id,
    role: row.role,
    reasons: row.reasons,
    ...chooseReviewer(row.user_id, row.manager_id, pool, index),
  }));
}
