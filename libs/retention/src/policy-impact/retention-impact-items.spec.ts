import { retentionImpactItems } from './retention-impact-items';

const ids = (...keys: string[]) => new Set(keys);

describe('retentionImpactItems', () => {
  it('should list each entity total before its rules, and left-out rules as zero', () => {
    const items = retentionImpactItems(
      {
        acted: new Map([
          ['contact', ids('c1')],
          ['contact:old', ids('c1')],
          ['lead', ids('l1')],
        ]),
        unmapped: [],
      },
      {
        acted: new Map([
          ['lead', ids('l1', 'l2')],
          ['contact:old', ids('c1', 'c2')],
          ['contact:closed', ids('c2', 'c3')],
          ['contact', ids('c1', 'c2', 'c3')],
        ]),
        unmapped: ['invoice:invoices'],
      },
    );

    // The contact total counts c2 once though both of its rules would act on it.
    expect(items).toEqual([
      { key: 'contact', current: 1, candidate: 3 },
      { key: 'contact:closed', current: 0, candidate: 2 },
      { key: 'contact:old', current: 1, candidate: 2 },
      { key: 'invoice:invoices:unmapped', current: 0, candidate: 0 },
      { key: 'lead', current: 1, candidate: 2 },
    ]);
  });

  it('should name a rule left out by both sets once', () => {
    const outcome = { acted: new Map(), unmapped: ['invoice:retention.invoice'] };

    expect(retentionImpactItems(outcome, outcome)).toEqual([
      { key: 'invoice:retention.invoice:unmapped', current: 0, candidate: 0 },
    ]);
  });
});
