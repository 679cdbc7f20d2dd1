import { addCalendarDays, calendarDaysBetween } from './zoned-calendar';

/** What a company's applied policies add to the law's deadlines. */
export interface CompanyDeadlinePolicy {
  /** Days from receipt the company gives itself; null leaves the law's deadline alone. */
  deadlineDays: number | null;
  /** The longest extension the policies allow, in days; 0 forbids one; null: the law's. */
  extensionMaxDays: number | null;
}

/**
 * The due date of a request: the law's, or the company's own when that comes first. A
 * policy can only shorten the time to answer, never give more than the law does.
 */
export function companyDueDate(
  lawDue: Date,
  receivedAt: Date,
  policy: CompanyDeadlinePolicy,
  timeZone: string,
): Date {
  if (policy.deadlineDays === null) {
    return lawDue;
  }

  const own = addCalendarDays(receivedAt, policy.deadlineDays, timeZone);
  return own < lawDue ? own : lawDue;
}

/**
 * Why an extension the law allows goes further than the company's policies do, or
 * undefined when it stays within them. Counted in calendar days from the current due date.
 */
export function extensionBeyondPolicy(
  currentDue: Date,
  extendedDue: Date,
  policy: CompanyDeadlinePolicy,
  timeZone: string,
): string | undefined {
  if (policy.extensionMaxDays === null) {
    return undefined;
  }

  if (policy.extensionMaxDays === 0) {
    return "the company's policy allows no extension";
  }

  const days = calendarDaysBetween(currentDue, extendedDue, timeZone);

  return days > policy.extensionMaxDays
    ? `the company's policy allows an extension of at most ${policy.extensionMaxDays} days; ` +
        `this one adds ${days}`
    : undefined;
}
