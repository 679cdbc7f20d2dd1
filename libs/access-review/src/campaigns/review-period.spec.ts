import { addDays, daysUntil, quarterOf } from './review-period';

describe('quarterOf', () => {
  it('should name the quarter of the UTC month', () => {
    expect(quarterOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2027-03-31T23:59:59Z'))).toBe('2027-Q1');
    expect(quarterOf(new Date('2027-04-01T00:00:00Z'))).toBe('2027-Q2');
    expect(quarterOf(new Date('2027-12-31T12:00:00Z'))).toBe('2027-Q4');
  });

  it('should read the quarter in UTC whatever the offset written', () => {
    // 1 April 01:00 in Paris (+02:00) is still 31 March 23:00 UTC.
    expect(quarterOf(new Date('2027-04-01T01:00:00+02:00'))).toBe('2027-Q1');
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
