import { addDays, daysUntil, opensPeriod, periodOf, REVIEW_CADENCES } from './review-period';

describe('periodOf', () => {
  it('should name the quarter of the UTC month', () => {
    // Quarter = floor(month index / 3) + 1: March (index 2) is Q1, April (index 3) Q2.
    expect(periodOf('quarterly', new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(periodOf('quarterly', new Date('2027-03-31T23:59:59Z'))).toBe('2027-Q1');
    expect(periodOf('quarterly', new Date('2027-04-01T00:00:00Z'))).toBe('2027-Q2');
    expect(periodOf('quarterly', new Date('2027-12-31T12:00:00Z'))).toBe('2027-Q4');
  });

  it('should name the month, the half and the year for the other cadences', () => {
    // 10 February: month index 1, so month 02; half = floor(1 / 6) + 1 = 1.
    const february = new Date('2027-02-10T00:00:00Z');
    // 1 July: month index 6, so half = floor(6 / 6) + 1 = 2.
    const july = new Date('2027-07-01T00:00:00Z');

    expect(periodOf('monthly', february)).toBe('2027-02');
    expect(periodOf('monthly', new Date('2027-12-31T23:59:59Z'))).toBe('2027-12');
    expect(periodOf('semiannual', february)).toBe('2027-H1');
    expect(periodOf('semiannual', new Date('2027-06-30T23:59:59Z'))).toBe('2027-H1');
    expect(periodOf('semiannual', july)).toBe('2027-H2');
    expect(periodOf('annual', february)).toBe('2027');
    expect(periodOf('annual', new Date('2027-12-31T23:59:59Z'))).toBe('2027');
  });

  it('should read the period in UTC whatever the offset written', () => {
    // 1 April 01:00 in Paris (+02:00) is still 31 March 23:00 UTC.
    expect(periodOf('quarterly', new Date('2027-04-01T01:00:00+02:00'))).toBe('2027-Q1');
    expect(periodOf('monthly', new Date('2027-04-01T01:00:00+02:00'))).toBe('2027-03');
    // 1 January 00:30 in New York (-05:00) is 05:30 UTC on 1 January: the new year.
    expect(periodOf('annual', new Date('2027-01-01T00:30:00-05:00'))).toBe('2027');
  });
});

describe('opensPeriod', () => {
  const firstOfEachMonth = Array.from(
    { length: 12 },
    (_, month) => new Date(Date.UTC(2027, month, 1, 6)),
  );

  function openingMonths(cadence: (typeof REVIEW_CADENCES)[number]): number[] {
    return firstOfEachMonth
      .filter((moment) => opensPeriod(cadence, moment))
      .map((moment) => moment.getUTCMonth() + 1);
  }

  it('should open a period only in its first month', () => {
    // A period opens where month index % months per period is 0: every month (1), every
    // third from January (3), January and July (6), January only (12).
    expect(openingMonths('monthly')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(openingMonths('quarterly')).toEqual([1, 4, 7, 10]);
    expect(openingMonths('semiannual')).toEqual([1, 7]);
    expect(openingMonths('annual')).toEqual([1]);
  });

  it('should still open a period when the run comes days late in its first month', () => {
    expect(opensPeriod('quarterly', new Date('2027-04-03T06:00:00Z'))).toBe(true);
    expect(opensPeriod('quarterly', new Date('2027-05-01T06:00:00Z'))).toBe(false);
  });

  it('should give 12 monthly, 4 quarterly, 2 half-year periods and 1 annual period a year', () => {
    const periods = (cadence: (typeof REVIEW_CADENCES)[number]) =>
      new Set(firstOfEachMonth.map((moment) => periodOf(cadence, moment))).size;

    expect(REVIEW_CADENCES.map(periods)).toEqual([12, 4, 2, 1]);
  });
});

describe('daysUntil', () => {
  it('should round part of a day up', () => {
    const due = new Date('2027-01-31T00:00:00Z');

    // 36 hours is one and a half days, so 2.
    expect(daysUntil(due, new Date('2027-01-29T12:00:00Z'))).toBe(2);
    expect(daysUntil(due, addDays(due, -7))).toBe(7);
    expect(daysUntil(due, addDays(due, 1))).toBe(-1);
  });
});
