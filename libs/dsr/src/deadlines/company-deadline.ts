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

/** What becomes of an extension the law allows, under the company's policies. */
export type PolicyExtension =
  | { kind: 'as-law'; dueAt: Date }
  | { kind: 'capped'; dueAt: Date; reason: string }
  | { kind: 'warned'; dueAt: Date; reason: string }
  | { kind: 'refused'; reason: string };

/**
 * The law's extended due date, held to the company's policies: at most `extensionMaxDays`
 * calendar days past the current due date. Hard enforcement shortens the extension to the
 * policy's limit, or refuses it when the policy allows none; soft enforcement keeps the
 * law's date and says by how much it goes past the policy.
 */
export function policyExtension(
  currentDue: Date,
  lawDue: Date,
  policy: CompanyDeadlinePolicy,
  enforcement: 'soft' | 'hard',
  timeZone: string,
): PolicyExtension {
  if (policy.extensionMaxDays === null) {
    return { kind: 'as-law', dueAt: lawDue };
  }

  if (policy.extensionMaxDays === 0) {
    const reason = "the company's policy allows no extension";
    return enforcement === 'hard'
      ? { kind: 'refused', reason }
      : { kind: 'warned', dueAt: lawDue, reason };
  }

  const limit = addCalendarDays(currentDue, policy.extensionMaxDays, timeZone);

  if (lawDue <= limit) {
    return { kind: 'as-law', dueAt: lawDue };
  }

  const days = calendarDaysBetween(currentDue, lawDue, timeZone);
  const reason =
    `the company's policy allows an extension of at most ${policy.extensionMaxDays} days; ` +
    `the law's adds ${days}`;

  return enforcement === 'hard'
    ? { kind: 'capped', dueAt: limit, reason }
    : { kind: 'warned', dueAt: lawDue, reason };
}
