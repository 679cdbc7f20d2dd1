import { AccessReview } from '@compliance/contracts';

import { csvCell, reportCsv, reportHash, ReviewReport } from './review-report';

function report(overrides: Partial<ReviewReport> = {}): ReviewReport {
  return {
    review: { id: 'r1', period: '2027-Q1' } as AccessReview,
    reviewers: [],
    unassigned: { items: 0, itemIds: [] },
    snapshot: [
      {
        userId: 'u1',
        managerId: null,
        createdAt: null,
        deactivatedAt: null,
        lastActiveAt: '2026-09-01T00:00:00.000Z',
        roles: [{ role: 'sales', grantedBy: 'admin', grantedAt: null, lastUsedAt: null }],
      },
      {
        userId: 'u2',
        managerId: null,
        createdAt: null,
        deactivatedAt: null,
        lastActiveAt: null,
        roles: [],
      },
    ],
    items: [],
    ...overrides,
  };
}

describe('csvCell', () => {
  it('should quote separators and double inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('should defuse text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });
});

describe('reportCsv', () => {
  it('should write a snapshot row per role, and one for a user with none', () => {
    const lines = reportCsv(report()).trimEnd().split('\r\n');

    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith('snapshot,r1,2027-Q1,u1,sales,admin')).toBe(true);
    expect(lines[2].startsWith('snapshot,r1,2027-Q1,u2,,')).toBe(true);
    expect(lines.every((line) => line.split(',').length === lines[0].split(',').length)).toBe(true);
  });
});

describe('reportHash', () => {
  it('should not depend on key order, and change with any value', () => {
    const base = report();
    const reordered = {
      items: base.items,
      snapshot: base.snapshot,
      reviewers: [],
      review: base.review,
      unassigned: base.unassigned,
    };

    expect(reportHash(reordered)).toBe(reportHash(base));
    expect(reportHash(report({ reviewers: [{ reviewerId: 'x', items: 1, decided: 0 }] }))).not.toBe(
      reportHash(base),
    );
  });
});
