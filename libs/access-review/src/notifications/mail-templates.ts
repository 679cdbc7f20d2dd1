import { MailMessage } from './review-mailer';

export interface ReviewMailFacts {
  period: string;
  dueAt: Date;
  items: number;
  reviewerId: string;
}

function dueDate(facts: ReviewMailFacts): string {
  return facts.dueAt.toISOString().slice(0, 10);
}

function itemsText(items: number): string {
  return items === 1 ? '1 access item' : `${items} access items`;
}

/** The mails name users by id only: a mail can be forwarded, the id means nothing outside. */
export function openedMail(to: string, facts: ReviewMailFacts): MailMessage {
  return {
    to,
    subject: `Access review ${facts.period}: ${itemsText(facts.items)} to review`,
    text:
      `The ${facts.period} access review has opened.\n\n` +
      `You have ${itemsText(facts.items)} to review by ${dueDate(facts)}.\n` +
      'Decide each one as revoked or retained (with a justification) in the compliance console.\n',
  };
}

export function reminderMail(to: string, facts: ReviewMailFacts, days: number): MailMessage {
  const when = days === 1 ? 'tomorrow' : `in ${days} days`;

  return {
    to,
    subject: `Reminder: access review ${facts.period} is due ${when}`,
    text:
      `You still have ${itemsText(facts.items)} to review in the ${facts.period} access ` +
      `review, due ${dueDate(facts)}.\n`,
  };
}

export function escalationMail(to: string, facts: ReviewMailFacts): MailMessage {
  return {
    to,
    subject: `Overdue access review ${facts.period}: reviewer ${facts.reviewerId}`,
    text:
      `Reviewer ${facts.reviewerId} left ${itemsText(facts.items)} undecided in the ` +
      `${facts.period} access review, due ${dueDate(facts)}.\n` +
      'Please decide them or follow up with the reviewer.\n',
  };
}
