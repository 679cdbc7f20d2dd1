/**
 * Calendar arithmetic in a time zone: a month after 31 January at 23:30 in Berlin is the
 * last day of February at 23:30 in Berlin, whatever UTC says. No dependency: the offsets
 * come from the runtime's time zone data through `Intl`.
 */
interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function addCalendarMonths(instant: Date, months: number, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  const monthIndex = local.month - 1 + months;
  const year = local.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  // 31 January plus a month is the last day of February, never 3 March.
  const day = Math.min(local.day, daysInMonth(year, month));

  return fromLocal({ ...local, year, month, day }, timeZone);
}

export function addCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const local = toLocal(instant, timeZone);
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));

  return fromLocal(
    {
      ...local,
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
    },
    timeZone,
  );
}

/** Whole calendar days from `from` to `to` in the zone; negative when `to` is earlier. */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = toLocal(from, timeZone);
  const b = toLocal(to, timeZone);
  const dayMs = 24 * 60 * 60 * 1000;

  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / dayMs,
  );
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toLocal(instant: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);

  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/**
 * The instant whose wall clock in the zone reads `local`. Two passes settle the offset
 * across a daylight-saving change; a wall time skipped by the change moves forward.
 */
function fromLocal(local: LocalTime, timeZone: string): Date {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  let guess = asUtc;

  for (let pass = 0; pass < 2; pass += 1) {
    const seen = toLocal(new Date(guess), timeZone);
    const seenUtc = Date.UTC(
      seen.year,
      seen.month - 1,
      seen.day,
      seen.hour,
      seen.minute,
      seen.second,
      local.millisecond,
    );
    guess += asUtc - seenUtc;
  }

  return new Date(guess);
}
