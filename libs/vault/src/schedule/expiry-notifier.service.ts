import { recordAudit } from '@compliance/audit';
import { createLogger } from '@compliance/logging';
import { Mailer } from '@compliance/mail';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_NOTIFY_CONTACT } from '../secrets/secret.queries';
import { NotifyEmailSealer } from '../secrets/notify-email.sealer';
import { VAULT_DATA_SOURCE, VAULT_MAILER } from '../support/vault.tokens';
import { expiryMail } from './expiry-mail';
import { FINISH_EXPIRY_MAIL, SELECT_UNSENT_EXPIRY_MAILS } from './schedule.queries';

export interface ExpiryNotice {
  secretId: string;
  companyId: string;
  expiresAt: Date;
  daysBefore: number;
}

type MailStatus = 'sent' | 'recorded' | 'no_address' | 'failed';

const NOTIFIER_ACTOR = { type: 'system', id: 'vault-rotation' };

/**
 * Mails an expiry notice to the secret's contact. The notice was claimed before, so each
 * goes out once; a failed mail is tried again by the next run while the expiry is ahead.
 */
@Injectable()
export class ExpiryNotifier {
  private readonly logger = createLogger(ExpiryNotifier.name);

  constructor(
    @Inject(VAULT_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(VAULT_MAILER) private readonly mailer: Mailer,
    private readonly notifyEmails: NotifyEmailSealer,
  ) {}

  /** True when a mail left for the SMTP server. */
  async deliver(notice: ExpiryNotice): Promise<boolean> {
    const status = await this.send(notice);

    await this.dataSource.transaction(async (manager) => {
      await manager.query(FINISH_EXPIRY_MAIL, [
        notice.secretId,
        notice.expiresAt,
        notice.daysBefore,
        status,
      ]);
      await recordAudit(manager, {
        companyId: notice.companyId,
        actor: NOTIFIER_ACTOR,
        action: 'secret.expiry-notice',
        resourceType: 'secret',
        resourceId: notice.secretId,
        outcome: status === 'failed' ? 'failure' : 'success',
        details: { daysBefore: notice.daysBefore, mail: status },
      });
    });

    return status === 'sent';
  }

  /** The notices whose mail failed or never finished, while their expiry is still ahead. */
  async retryUnsent(now: Date): Promise<number> {
    const rows = await this.dataSource.query<
      { secret_id: string; company_id: string; expires_at: Date; days_before: number }[]
    >(SELECT_UNSENT_EXPIRY_MAILS, [now]);
    let sent = 0;

    for (const row of rows) {
      const notice = {
        secretId: row.secret_id,
        companyId: row.company_id,
        expiresAt: row.expires_at,
        daysBefore: row.days_before,
      };

      if (await this.deliver(notice)) {
        sent += 1;
      }
    }

    return sent;
  }

  private async send(notice: ExpiryNotice): Promise<MailStatus> {
    const [contact] = await this.dataSource.query<
      { name: string; notify_email_sealed: string | null }[]
    >(SELECT_NOTIFY_CONTACT, [notice.secretId, notice.companyId]);

    if (!contact?.notify_email_sealed) {
      return 'no_address';
    }

    if (!this.mailer.delivers) {
      return 'recorded';
    }

    try {
      const to = await this.notifyEmails.open(
        notice.companyId,
        notice.secretId,
        contact.notify_email_sealed,
      );

      await this.mailer.send(expiryMail(to, { name: contact.name, ...notice }));
      return 'sent';
    } catch (error) {
      // Only the error code is logged: SMTP errors often quote the address.
      const code = (error as { code?: unknown } | null)?.code;
      this.logger.warn({ code, secretId: notice.secretId }, 'expiry notice mail failed');
      return 'failed';
    }
  }
}
