import { ImpactReport } from '@compliance/contracts';

import { DetectedItem } from '../detection/stale-access.detector';
import { ReviewSettings } from '../settings/review-settings';

/** What one detection run, under one set of settings, would put in a campaign. */
export interface ReviewOutcome {
  settings: Pick<ReviewSettings, 'undecidedAction'>;
  items: readonly DetectedItem[];
}

/**
 * The counts a dry-run compares: users flagged at all and for inactivity, the items a
 * campaign would hold, privileged roles reviewed, items nobody could be assigned to review,
 * and the roles revoked at the due date if nobody decides (auto-revoke).
 */
export function reviewImpactItems(
  current: ReviewOutcome,
  candidate: ReviewOutcome,
): ImpactReport['items'] {
  const measures: [string, (outcome: ReviewOutcome) => number][] = [
    ['stale-users', (outcome) => distinctUsers(outcome.items)],
    [
      'inactive-users',
      (outcome) => distinctUsers(outcome.items.filter((item) => item.reasons.includes('inactive'))),
    ],
    ['stale-access-items', (outcome) => outcome.items.length],
    [
      'privileged-roles-reviewed',
      (outcome) => outcome.items.filter((item) => item.reasons.includes('privileged')).length,
    ],
    [
      'unassigned-items',
      (outcome) => outcome.items.filter((item) => item.reviewerId === null).length,
    ],
    [
      'revoked-if-undecided',
      (outcome) => (outcome.settings.undecidedAction === 'revoke' ? outcome.items.length : 0),
    ],
  ];

  return measures.map(([key, measure]) => ({
    key,
    current: measure(current),
    candidate: measure(candidate),
  }));
}

function distinctUsers(items: readonly DetectedItem[]): number {
  return new Set(items.map((item) => item.userId)).size;
}
