import { companyDueDate, extensionBeyondPolicy } from './company-deadline';

const at = (iso: string) => new Date(iso);

describe('companyDueDate', () => {
  const received = at('2025-01-31T10:00:00Z');
  // GDPR: one calendar month from 31 January is 28 February.
  const lawDue = at('2025-02-28T10:00:00Z');

  it('should keep the law’s due date when no policy sets a deadline', () => {
    const due = companyDueDate(
      lawDue,
      received,
      { deadlineDays: null, extensionMaxDays: null },
      'UTC',
    );

    expect(due).toEqual(lawDue);
  });

  it('should take the company’s own deadline when it comes first', () => {
    // 31 January + 20 days = 20 February, before the law's 28 February.
    const due = companyDueDate(
      lawDue,
      received,
      { deadlineDays: 20, extensionMaxDays: null },
      'UTC',
    );

    expect(due).toEqual(at('2025-02-20T10:00:00Z'));
  });

  it('should never give more time than the law', () => {
    // 31 January + 45 days = 17 March, after the law's 28 February: the law wins.
    const due = companyDueDate(
      lawDue,
      received,
      { deadlineDays: 45, extensionMaxDays: null },
      'UTC',
    );

    expect(due).toEqual(lawDue);
  });

  it('should count the days in the company’s time zone', () => {
    // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin; + 10 days = 11 February
    // at 00:30 in Berlin, which is 23:30 UTC on 10 February.
    const late = at('2025-01-31T23:30:00Z');
    const due = companyDueDate(
      at('2025-03-01T00:00:00Z'),
      late,
      { deadlineDays: 10, extensionMaxDays: null },
      'Europe/Berlin',
    );

    expect(due).toEqual(at('2025-02-10T23:30:00Z'));
  });
});

describe('extensionBeyondPolicy', () => {
  const due = at('2025-02-28T10:00:00Z');
  // A GDPR extension by two months from receipt on 31 January: 30 April, 61 days later.
  const extended = at('2025-04-30T10:00:00Z');

  it('should leave the law alone when no policy limits extensions', () => {
    expect(
      extensionBeyondPolicy(due, extended, { deadlineDays: null, extensionMaxDays: null }, 'UTC'),
    ).toBeUndefined();
  });

  it('should refuse every extension when the policy allows none', () => {
    expect(
      extensionBeyondPolicy(due, extended, { deadlineDays: null, extensionMaxDays: 0 }, 'UTC'),
    ).toBe("the company's policy allows no extension");
  });

  it('should name the limit and the days when the extension goes further', () => {
    expect(
      extensionBeyondPolicy(due, extended, { deadlineDays: null, extensionMaxDays: 60 }, 'UTC'),
    ).toBe("the company's policy allows an extension of at most 60 days; this one adds 61");
  });

  it('should accept an extension of exactly the limit', () => {
    expect(
      extensionBeyondPolicy(due, extended, { deadlineDays: null, extensionMaxDays: 61 }, 'UTC'),
    ).toBeUndefined();
  });
});
