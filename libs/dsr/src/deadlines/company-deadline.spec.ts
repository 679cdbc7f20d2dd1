import { companyDueDate, policyExtension } from './company-deadline';

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

describe('policyExtension', () => {
  const due = at('2025-02-28T10:00:00Z');
  // A GDPR extension by two months from receipt on 31 January: 30 April, 61 days later.
  const lawDue = at('2025-04-30T10:00:00Z');
  const limit = (extensionMaxDays: number | null) => ({ deadlineDays: null, extensionMaxDays });

  it('should keep the law’s date when no policy limits extensions', () => {
    expect(policyExtension(due, lawDue, limit(null), 'hard', 'UTC')).toEqual({
      kind: 'as-law',
      dueAt: lawDue,
    });
  });

  it('should keep the law’s date when it stays within the policy’s days', () => {
    expect(policyExtension(due, lawDue, limit(61), 'hard', 'UTC')).toEqual({
      kind: 'as-law',
      dueAt: lawDue,
    });
  });

  it('should shorten the extension to the policy’s days under hard enforcement', () => {
    // 28 February + 45 days = 14 April, before the law's 30 April.
    expect(policyExtension(due, lawDue, limit(45), 'hard', 'UTC')).toEqual({
      kind: 'capped',
      dueAt: at('2025-04-14T10:00:00Z'),
      reason: "the company's policy allows an extension of at most 45 days; the law's adds 61",
    });
  });

  it('should keep the law’s date with a warning under soft enforcement', () => {
    expect(policyExtension(due, lawDue, limit(45), 'soft', 'UTC')).toMatchObject({
      kind: 'warned',
      dueAt: lawDue,
    });
  });

  it('should refuse an extension the policy forbids, unless enforcement is soft', () => {
    expect(policyExtension(due, lawDue, limit(0), 'hard', 'UTC')).toEqual({
      kind: 'refused',
      reason: "the company's policy allows no extension",
    });
    expect(policyExtension(due, lawDue, limit(0), 'soft', 'UTC')).toMatchObject({
      kind: 'warned',
      dueAt: lawDue,
    });
  });
});
