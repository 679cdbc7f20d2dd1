import { UndecidedAction } from '@compliance/contracts';

import { ReviewCadence } from '../campaigns/review-period';

/** How one company reviews access. An applied policy's `accessReview` section sets it. */
export interface ReviewSettings {
  /** Which periods scheduled campaigns open: a month, quarter, half-year or year. */
  cadence: ReviewCadence;
  /** Days without activity after which a user's access is stale. */
  inactivityDays: number;
  /** Days a granted role may go unused before it is flagged. */
  unusedRoleDays: number;
  /** Roles whose holders are reviewed every campaign, active or not. */
  privilegedRoles: string[];
  /** Holders of these roles review users who have no manager. */
  adminRoles: string[];
  /** Days from a campaign's opening to its due date. */
  reviewDays: number;
  /** Days before the due date on which reviewers are reminded. */
  reminderDays: number[];
  /** What happens at the due date to items nobody decided. */
  undecidedAction: UndecidedAction;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  cadence: 'quarterly',
  inactivityDays: 90,
  unusedRoleDays: 30,
  privilegedRoles: [],
  adminRoles: ['admin'],
  reviewDays: 30,
  reminderDays: [7, 3, 1],
  undecidedAction: 'escalate',
};
