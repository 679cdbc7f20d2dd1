import { dueSlot } from './scheduled-runs.service';

describe('dueSlot', () => {
  it('should name the latest occurrence of the past day as the slot', () => {
    // Daily at 02:00 server time, checked at 02:00:05: today's 02:00 fell 5 s ago.
    const now = new Date(2026, 2, 10, 2, 0, 5);

    expect(dueSlot('0 2 * * *', now)).toBe(new Date(2026, 2, 10, 2, 0, 0).toISOString());
  });

  it('should not run a weekly policy on a day its schedule did not fall', () => {
    // 2026-03-10 is a Tuesday; Mondays at 02:00 fell more than a day before.
    expect(dueSlot('0 2 * * 1', new Date(2026, 2, 10, 2, 0, 5))).toBeUndefined();
  });
});
