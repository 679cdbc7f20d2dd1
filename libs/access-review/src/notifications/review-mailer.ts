import { createLogger } from '@compliance/logging';
import { createTransport, Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where review notifications go. Without SMTP they are recorded and not sent. */
export interface ReviewMailer {
  readonly delivers: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpReviewMailer implements ReviewMailer {
  readonly delivers = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }

  close(): void {
    this.transport.close();
  }
}

export class RecordingOnlyMailer implements ReviewMailer {
  readonly delivers = false;

  async send(): Promise<void> {
    // Nothing to deliver to: the notification row says it was recorded, not sent.
  }

  close(): void {}
}

export function createReviewMailer(smtpUrl: string | undefined, from: string): ReviewMailer {
  if (smtpUrl) {
    return new SmtpReviewMailer(smtpUrl, from);
  }

  createLogger('ReviewMailer').warn(
    'SMTP_URL is not set: access review notifications are recorded but not sent',
  );
  return new RecordingOnlyMailer();
}
