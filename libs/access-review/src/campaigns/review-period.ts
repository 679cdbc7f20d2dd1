const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar quarter a moment falls in, in UTC: 2027-02-10 is 2027-Q1. */
export function quarterOf(moment: Date): string {
  const quarter = Math.floor(moment.getUTCMonth() / 3) + 1;
  return `${moment.getUTCFullYear()}-Q${quarter}`;
}

export function addDays(moment: Date, days: number): Date {
  return new Date(moment.getTime() + days * DAY_MS);
}

/** Whole days from `now` until `due`, rounded up: 36 hours before is 2 days. */
export function daysUntil(due: Date, now: Date): number {
  return Math.ceil((due.getTime() - now.getTime()) / DAY_MS);
}
