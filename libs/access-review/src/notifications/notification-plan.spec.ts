import { addDays } from '../campaigns/review-period';
import { nextNotification, PlanInput } from './notification-plan';

const openedAt = new Date('2027-01-01T00:00:00Z');
// Opened 1 January with 30 days to go: due 31 January.
const dueAt = addDays(openedAt, 30);

function plan(overrides: Partial<PlanInput>) {
  return nextNotification({
    openedAt,
    dueAt,
    now: openedAt,
    reminderDays: [7, 3, 1],
    sent: new Set(),
    ...overrides,
  });
}

describe('nextNotification', () => {
  it('should send the opening mail first', () => {
    expect(plan({ now: addDays(dueAt, -2) })).toBe('opened');
  });

  it('should send nothing between the opening and the first reminder', () => {
    expect(plan({ now: addDays(dueAt, -8), sent: new Set(['opened']) })).toBeUndefined();
  });

  it('should remind a week, three days and a day before the due date', () => {
    const sent = new Set(['opened']);

    expect(plan({ now: addDays(dueAt, -7), sent })).toBe('reminder-7');
    expect(plan({ now: addDays(dueAt, -3), sent })).toBe('reminder-3');
    expect(plan({ now: addDays(dueAt, -1), sent })).toBe('reminder-1');
  });

  it('should never send the same reminder twice', () => {
    const sent = new Set(['opened', 'reminder-3']);

    expect(plan({ now: addDays(dueAt, -2), sent })).toBeUndefined();
  });

  it('should not send a reminder for a window the campaign opened in', () => {
    // Opened two days before the due date: the three-day reminder would repeat the opening.
    const lateOpening = addDays(dueAt, -2);

    expect(
      plan({ openedAt: lateOpening, now: addDays(dueAt, -1.5), sent: new Set(['opened']) }),
    ).toBeUndefined();
  });

  it('should send nothing once the due date has passed', () => {
    expect(plan({ now: dueAt })).toBeUndefined();
  });
});
