import { createMailer, Mailer } from '@compliance/mail';

export type { MailMessage } from '@compliance/mail';
export { RecordingOnlyMailer } from '@compliance/mail';

/** Where review notifications go. Without SMTP they are recorded and not sent. */
export type ReviewMailer = Mailer;

export function createReviewMailer(smtpUrl: string | undefined, from: string): ReviewMailer {
  return createMailer(smtpUrl, from, 'access review notifications');
}
