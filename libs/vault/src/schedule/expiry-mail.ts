import { MailMessage } from '@compliance/mail';

export interface ExpiryMailFacts {
  name: string;
  expiresAt: Date;
  daysBefore: number;
}

/** The notice to a secret's contact. It names the secret, never its value. */
export function expiryMail(to: string, facts: ExpiryMailFacts): MailMessage {
  const within = facts.daysBefore === 1 ? 'a day' : `${facts.daysBefore} days`;

  return {
    to,
    subject: `Secret ${facts.name} expires within ${within}`,
    text:
      `The secret ${facts.name} expires at ${facts.expiresAt.toISOString()}.\n` +
      'Rotate it, or move its expiry date, before then.\n',
  };
}
