import { DsrJurisdiction } from '@compliance/contracts';

import { addCalendarDays, addCalendarMonths } from './zoned-calendar';

/** How long a jurisdiction gives to answer, and the one extension it allows. */
export interface DeadlineRule {
  base: { months: number } | { days: number };
  extension: { maxMonths: number } | { days: number } | null;
}

export const DEADLINE_RULES: Record<DsrJurisdiction, DeadlineRule> = {
  // GDPR art. 12(3): one month, extendable by two further months, notified within the first.
  gdpr: { base: { months: 1 }, extension: { maxMonths: 2 } },
  // CCPA: 45 days, extendable once by 45 days.
  ccpa: { base: { days: 45 }, extension: { days: 45 } },
  default: { base: { days: 30 }, extension: null },
};

/** The due date of a request received at `receivedAt`, counted in the company's zone. */
export function dueDate(jurisdiction: DsrJurisdiction, receivedAt: Date, timeZone: string): Date {
  const { base } = DEADLINE_RULES[jurisdiction];

  return 'months' in base
    ? addCalendarMonths(receivedAt, base.months, timeZone)
    : addCalendarDays(receivedAt, base.days, timeZone);
}

export type ExtensionDecision = { allowed: true; dueAt: Date } | { allowed: false; reason: string };

/**
 * The extended due date, or why there is none: a rule without extension, a second
 * extension, too many months, or a notice given after the first period ended.
 */
export function extendedDueDate(
  jurisdiction: DsrJurisdiction,
  receivedAt: Date,
  timeZone: string,
  request: { months?: number; alreadyExtended: boolean; now: Date },
): ExtensionDecision {
  const { extension } = DEADLINE_RULES[jurisdiction];
  const originalDue = dueDate(jurisdiction, receivedAt, timeZone);

  if (!extension) {
    return { allowed: false, reason: `${jurisdiction} requests have no extension` };
  }

  if (request.alreadyExtended) {
    return { allowed: false, reason: 'the deadline was extended already; only once is allowed' };
  }

  if (request.now > originalDue) {
    return { allowed: false, reason: 'an extension must be notified before the first deadline' };
  }

  if ('days' in extension) {
    return { allowed: true, dueAt: addCalendarDays(originalDue, extension.days, timeZone) };
  }

  const months = request.months ?? extension.maxMonths;

  if (months < 1 || months > extension.maxMonths) {
    return { allowed: false, reason: `an extension is 1 to ${extension.maxMonths} months` };
  }

  return { allowed: true, dueAt: addCalendarMonths(receivedAt, 1 + months, timeZone) };
}
