import { addDays } from '../campaigns/review-period';

export type NotificationKind = 'opened' | `reminder-${number}` | 'escalation';

export interface PlanInput {
  openedAt: Date;
  dueAt: Date;
  now: Date;
  reminderDays: number[];
  /** Kinds this reviewer was already sent for this campaign. */
  sent: ReadonlySet<string>;
}

/**
 * The one mail a reviewer is owed now, if any. The opening mail comes first and alone;
 * after it, the reminder of the nearest threshold passed, unless the campaign opened
 * inside that window (the opening mail already said as much). A reminder whose moment
 * went by unsent is not sent late once a nearer one is due.
 */
export function nextNotification(input: PlanInput): NotificationKind | undefined {
  if (input.now.getTime() >= input.dueAt.getTime()) {
    return undefined;
  }

  if (!input.sent.has('opened')) {
    return 'opened';
  }

  const passed = [...input.reminderDays]
    .sort((a, b) => a - b)
    .find((days) => addDays(input.dueAt, -days).getTime() <= input.now.getTime());

  if (passed === undefined) {
    return undefined;
  }

  const kind: NotificationKind = `reminder-${passed}`;
  const openedBefore = input.openedAt.getTime() < addDays(input.dueAt, -passed).getTime();

  return openedBefore && !input.sent.has(kind) ? kind : undefined;
}
