import { dueDate, extendedDueDate } from './deadline-rules';

describe('dueDate', () => {
  it.each([
    // GDPR: one calendar month, clamped to the month's last day.
    ['gdpr', '2025-01-31T10:00:00Z', 'UTC', '2025-02-28T10:00:00.000Z'],
    ['gdpr', '2024-01-31T10:00:00Z', 'UTC', '2024-02-29T10:00:00.000Z'], // leap year
    ['gdpr', '2025-03-31T10:00:00Z', 'UTC', '2025-04-30T10:00:00.000Z'],
    ['gdpr', '2025-12-15T10:00:00Z', 'UTC', '2026-01-15T10:00:00.000Z'], // over the year end
    // 31 Jan 23:30 in Berlin is 22:30 UTC; a month later is 28 Feb 23:30 Berlin = 22:30 UTC.
    ['gdpr', '2025-01-31T22:30:00Z', 'Europe/Berlin', '2025-02-28T22:30:00.000Z'],
    // 31 Jan 23:30 UTC is 1 Feb 00:30 in Berlin: due 1 March 00:30 Berlin, 28 Feb 23:30 UTC,
    // where a UTC count would have said 28 Feb too but by clamping, not by the calendar.
    ['gdpr', '2025-01-31T23:30:00Z', 'Europe/Berlin', '2025-02-28T23:30:00.000Z'],
    // Across the spring change: 10:00 Berlin is 09:00 UTC in March and 08:00 UTC in April.
    ['gdpr', '2025-03-15T09:00:00Z', 'Europe/Berlin', '2025-04-15T08:00:00.000Z'],
    // CCPA: 45 days; 1 Jan + 45 days = 15 Feb.
    ['ccpa', '2025-01-01T12:00:00Z', 'America/Los_Angeles', '2025-02-15T12:00:00.000Z'],
    // 2024 is a leap year: 20 Jan + 45 days = 5 March (29 days of February counted).
    ['ccpa', '2024-01-20T12:00:00Z', 'UTC', '2024-03-05T12:00:00.000Z'],
    // Default: 30 days; 31 Jan + 30 = 2 March in a common year.
    ['default', '2025-01-31T08:00:00Z', 'UTC', '2025-03-02T08:00:00.000Z'],
  ] as const)(
    'should make a %s request received %s (%s) due at %s',
    (rule, received, zone, due) => {
      expect(dueDate(rule, new Date(received), zone).toISOString()).toBe(due);
    },
  );
});

describe('extendedDueDate', () => {
  const received = new Date('2025-01-31T10:00:00Z');

  it('should extend GDPR by up to two further months counted from receipt', () => {
    // 31 Jan + 3 months = 30 April (clamped); + 2 months = 31 March.
    const full = extendedDueDate('gdpr', received, 'UTC', {
      alreadyExtended: false,
      now: new Date('2025-02-10T00:00:00Z'),
    });
    const one = extendedDueDate('gdpr', received, 'UTC', {
      months: 1,
      alreadyExtended: false,
      now: new Date('2025-02-10T00:00:00Z'),
    });

    expect(full).toEqual({ allowed: true, dueAt: new Date('2025-04-30T10:00:00Z') });
    expect(one).toEqual({ allowed: true, dueAt: new Date('2025-03-31T10:00:00Z') });
  });

  it('should refuse an extension notified after the first month, a second one, and default', () => {
    const late = extendedDueDate('gdpr', received, 'UTC', {
      alreadyExtended: false,
      now: new Date('2025-03-01T00:00:00Z'),
    });
    const twice = extendedDueDate('ccpa', received, 'UTC', {
      alreadyExtended: true,
      now: received,
    });
    const none = extendedDueDate('default', received, 'UTC', {
      alreadyExtended: false,
      now: received,
    });

    expect(late).toMatchObject({ allowed: false, reason: expect.stringContaining('before') });
    expect(twice).toMatchObject({ allowed: false, reason: expect.stringContaining('once') });
    expect(none).toMatchObject({ allowed: false });
  });

  it('should extend CCPA by 45 days after the first deadline', () => {
    // Due 17 March (31 Jan + 45 days), then + 45 days = 1 May.
    const result = extendedDueDate('ccpa', received, 'UTC', {
      alreadyExtended: false,
      now: received,
    });

    expect(result).toEqual({ allowed: true, dueAt: new Date('2025-05-01T10:00:00Z') });
  });
});
