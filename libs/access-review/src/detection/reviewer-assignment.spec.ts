import { chooseReviewer } from './reviewer-assignment';

describe('chooseReviewer', () => {
  const pool = { admins: ['admin-a', 'admin-b'], deactivated: new Set(['gone']) };

  it('should choose the user’s active manager', () => {
    expect(chooseReviewer('u1', 'boss', pool, 0)).toEqual({
      reviewerId: 'boss',
      source: 'manager',
    });
  });

  it('should fall back to the admins, in turn, without a manager or with a deactivated one', () => {
    expect(chooseReviewer('u1', null, pool, 0)).toEqual({ reviewerId: 'admin-a', source: 'admin' });
    expect(chooseReviewer('u2', 'gone', pool, 1)).toEqual({
      reviewerId: 'admin-b',
      source: 'admin',
    });
  });

  it('should never let anyone review their own access', () => {
    // admin-a under review, on admin-a's turn: the other admin takes it.
    expect(chooseReviewer('admin-a', null, pool, 0)).toEqual({
      reviewerId: 'admin-b',
      source: 'admin',
    });
    expect(chooseReviewer('self', 'self', { admins: ['self'], deactivated: new Set() }, 0)).toEqual(
      { reviewerId: null, source: 'none' },
    );
  });
});
