import { recordAudit } from '@compliance/audit';
import { createLogger } from '@compliance/logging';
import { Mailer, MailMessage } from '@compliance/mail';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DsrSubjectCipher } from '../encryption/dsr-subject-cipher';
import { DsrRequestRow } from '../requests/dsr-request.row';
import { dsrQueries } from '../requests/dsr.queries';
import { DsrContactSealer } from './dsr-contact.sealer';
import { DSR_MAILER } from './dsr-mailer.provider';
import { DeadlineNotice, deadlineMail, extensionMail } from './dsr-notice-mail';
import { dsrNoticeQueries } from './dsr-notice.queries';
import { isSingleMailAddress } from './single-mail-address';

export type NoticeMailStatus = 'sent' | 'recorded' | 'no_address' | 'invalid_address' | 'failed';

/** A mail's text once its addresses are opened, or why it cannot go to them. */
type OpenedMail = MailMessage | 'invalid_address';

interface ClaimedMail {
  id: string;
  company_id: string;
  request_id: string;
  kind: DeadlineNotice | 'extension';
  attempts: number;
}

const MAILER_ACTOR = { type: 'system', id: 'dsr-notices' };

/**
 * Mails the notices the service raises: deadline notices to the company's DSR contact,
 * an extension to the subject. Each mail row is claimed before sending, so a rerun or a
 * second replica never mails twice; a failed mail stays due and the next run tries it
 * again. Addresses are opened only here, only to send, and never logged or audited.
 */
@Injectable()
export class DsrNoticeMailer {
  private readonly logger = createLogger(DsrNoticeMailer.name);

  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    @Inject(DSR_MAILER) private readonly mailer: Mailer,
    private readonly contacts: DsrContactSealer,
    private readonly cipher: DsrSubjectCipher,
  ) {}

  /** Sends one mail; undefined when another sender has it or it went out already. */
  async deliver(mailId: string): Promise<NoticeMailStatus | undefined> {
    // An UPDATE answers [rows, count] through TypeORM, not the rows alone.
    const [[mail]] = await this.dataSource.query<[ClaimedMail[], number]>(
      dsrNoticeQueries.claimMail,
      [mailId],
    );

    if (!mail) {
      return undefined;
    }

    const [request] = await this.dataSource.query<DsrRequestRow[]>(dsrQueries.request, [
      mail.request_id,
      mail.company_id,
    ]);
    const status = await this.send(mail, request);

    await this.dataSource.transaction(async (manager) => {
      await manager.query(dsrNoticeQueries.finishMail, [mail.id, status]);

      if (mail.kind === 'extension' && status === 'sent') {
        await manager.query(dsrNoticeQueries.markExtensionNotified, [request.id, mail.company_id]);
      }

      await recordAudit(manager, {
        companyId: mail.company_id,
        actor: MAILER_ACTOR,
        action: mail.kind === 'extension' ? 'dsr.extension-notice' : 'dsr.deadline-notice-mail',
        resourceType: 'dsr-request',
        resourceId: request.id,
        outcome: status === 'failed' || status === 'invalid_address' ? 'failure' : 'success',
        details: { notice: mail.kind, mail: status, attempt: mail.attempts },
      });
    });

    return status;
  }

  /**
   * Sends a mail committed with work that stands on its own, such as an extension: a
   * failure here is logged, not thrown, since the work is done whatever the mail does. The
   * mail is left pending, or claimed until its lease runs out, so the daily run sends it.
   */
  async deliverAfterCommit(mailId: string): Promise<void> {
    try {
      await this.deliver(mailId);
    } catch (error) {
      this.logUndelivered(mailId, error);
    }
  }

  /**
   * Every mail still due while its request is open: new ones and the ones that failed. One
   * mail that fails to go through the service itself holds up none of the others: it is
   * logged by id and left as it was, due, for the next run.
   */
  async deliverUnsent(): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(dsrNoticeQueries.unsentMails);
    let sent = 0;

    for (const { id } of due) {
      try {
        sent += (await this.deliver(id)) === 'sent' ? 1 : 0;
      } catch (error) {
        this.logUndelivered(id, error);
      }
    }

    return sent;
  }

  /** The error code only: a failure's text may quote a row, and a row an address. */
  private logUndelivered(mailId: string, error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;

    this.logger.error({ mailId, code }, 'notice mail not delivered; the daily run retries it');
  }

  private async send(mail: ClaimedMail, request: DsrRequestRow): Promise<NoticeMailStatus> {
    const message = await this.message(mail, request);

    if (!message) {
      return 'no_address';
    }

    if (!this.mailer.delivers) {
      return 'recorded';
    }

    try {
      const opened = await message();

      if (opened === 'invalid_address') {
        this.logger.warn(
          { requestId: request.id, notice: mail.kind },
          'notice mail not sent: an address is not one valid mail address',
        );
        return opened;
      }

      await this.mailer.send(opened);
      return 'sent';
    } catch (error) {
      // Only the error code is logged: SMTP errors often quote the address.
      const code = (error as { code?: unknown } | null)?.code;
      this.logger.warn({ code, requestId: request.id, notice: mail.kind }, 'notice mail failed');
      return 'failed';
    }
  }

  /** The message to send, built lazily so an address is opened only when a mail goes out. */
  private async message(
    mail: ClaimedMail,
    request: DsrRequestRow,
  ): Promise<(() => Promise<OpenedMail>) | undefined> {
    if (mail.kind === 'extension') {
      if (!request.identifiers.some((identifier) => identifier.kind === 'email')) {
        return undefined;
      }

      return async () => {
        const subject = await this.cipher.open(request);
        const to = subject.identifiers.filter((i) => i.kind === 'email').map((i) => i.value);

        // One bad value withholds the whole mail: it may name a recipient nobody asked for.
        if (!to.every(isSingleMailAddress)) {
          return 'invalid_address';
        }

        return extensionMail([...new Set(to)], {
          requestId: request.id,
          dueAt: request.extended_due_at ?? request.due_at,
          reason: request.extension_reason ?? '',
        });
      };
    }

    const [contact] = await this.dataSource.query<{ email_sealed: string }[]>(
      dsrNoticeQueries.contact,
      [mail.company_id],
    );

    if (!contact) {
      return undefined;
    }

    const notice = mail.kind;
    return async () =>
      deadlineMail(await this.contacts.open(mail.company_id, contact.email_sealed), {
        requestId: request.id,
        notice,
        dueAt: request.extended_due_at ?? request.due_at,
      });
  }
}
