/** An ISO-8601 duration as the policy format allows it (no fractions, no negatives). */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = new RegExp(
  '^P(?!$)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?' +
    '(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$',
);

const DAY_MS = 86_400_000;

export function parseDuration(text: string): IsoDuration | null {
  const match = DURATION.exec(text);

  if (!match) {
    return null;
  }

  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part ? Number(part) : 0));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** The instant `duration` before `instant`, in calendar terms. */
export function subtractDuration(instant: Date, duration: IsoDuration): Date {
  const result = new Date(instant.getTime());

  // Years and months move the calendar, so "P3Y" is three birthdays, not 3 × 365 days.
  result.setUTCFullYear(result.getUTCFullYear() - duration.years);
  result.setUTCMonth(result.getUTCMonth() - duration.months);

  const fixedMs =
    (duration.weeks * 7 + duration.days) * DAY_MS +
    duration.hours * 3_600_000 +
    duration.minutes * 60_000 +
    duration.seconds * 1000;
  return new Date(result.getTime() - fixedMs);
}

/**
 * A comparable length in days, for comparing two policies' periods (a year counts as 365
 * days, a month as 30): exact enough to tell that P6M is shorter than P7Y.
 */
export function approximateDays(duration: IsoDuration): number {
  return (
    duration.years * 365 +
    duration.months * 30 +
    duration.weeks * 7 +
    duration.days +
    (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) / 86_400
  );
}
