import { AppConfig, APP_CONFIG } from '@compliance/config';
import { createMailer } from '@compliance/mail';
import { Provider } from '@nestjs/common';

export const DSR_MAILER = Symbol('DSR_MAILER');

/** SMTP when `SMTP_URL` is set; otherwise each notice is recorded as unsent. */
export const dsrMailerProvider: Provider = {
  provide: DSR_MAILER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    createMailer(config.mail.smtpUrl, config.mail.from, 'DSR deadline and extension notices'),
};
