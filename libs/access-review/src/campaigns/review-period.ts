const DAY_MS = 24 * 60 * 60 * 1000;

/** How often a company reviews access, as its applied policy's `accessReview.cadence` says. */
export type ReviewCadence = 'monthly' | 'quarterly' | 'semiannual' | 'annual';

export const REVIEW_CADENCES: readonly ReviewCadence[] = [
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
];

const MONTHS_PER_PERIOD: Record<ReviewCadence, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};

/**
 * The period a moment falls in under a cadence, in UTC: 2027-02-10 is 2027-02 monthly,
 * 2027-Q1 quarterly, 2027-H1 semiannual and 2027 annual.
 */
export function periodOf(cadence: ReviewCadence, moment: Date): string {
  const year = moment.getUTCFullYear();
  const index = Math.floor(moment.getUTCMonth() / MONTHS_PER_PERIOD[cadence]) + 1;

  switch (cadence) {
    case 'monthly':
      return `${year}-${String(index).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${index}`;
    case 'semiannual':
      return `${year}-H${index}`;
    case 'annual':
      return `${year}`;
  }
}

/**
 * Whether a scheduled run at this moment opens its period: only in the period's first
 * month (UTC), so a quarterly company is not handed a campaign late in February by the
 * monthly schedule, while a run that starts a few days late still opens its period.
 */
export function opensPeriod(cadence: ReviewCadence, moment: Date): boolean {
  return moment.getUTCMonth() % MONTHS_PER_PERIOD[cadence] === 0;
}

export function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * DAY_MS);
}

/** Whole days from `now` until `due`, rounded up: 36 hours before is 2 days. */
export function daysUntil(due: Date, now: Date): number {
  return Math.ceil((due.getTime() - now.getTime()) / DAY_MS);
}
