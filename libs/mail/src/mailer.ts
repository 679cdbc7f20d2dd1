import { createLogger } from '@compliance/logging';
import { createTransport, Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where a service's notices go. Without SMTP they are recorded by the caller, not sent. */
export interface Mailer {
  readonly delivers: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpMailer implements Mailer {
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

export class RecordingOnlyMailer implements Mailer {
  readonly delivers = false;

  async send(): Promise<void> {
    // Nothing to deliver to: the caller records the notice as recorded, not sent.
  }

  close(): void {}
}

/** `purpose` names what goes unsent in the start-up warning, e.g. "secret expiry notices". */
export function createMailer(smtpUrl: string | undefined, from: string, purpose: string): Mailer {
  if (smtpUrl) {
    return new SmtpMailer(smtpUrl, from);
  }

  createLogger('Mailer').warn(`SMTP_URL is not set: ${purpose} are recorded but not sent`);
  return new RecordingOnlyMailer();
}
