import { FieldBinding, FieldEncryption, InjectFieldEncryption } from '@compliance/crypto';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_EMAILS } from '../notifications/notification.queries';
import { ACCESS_REVIEW_DATA_SOURCE, ACCESS_REVIEW_SERVICE } from '../support/access-review.tokens';
import { SEAL_CLEAR_EMAIL, SELECT_CLEAR_EMAILS } from './reviewer-emails.queries';

const BATCH = 500;

interface EmailRow {
  user_id: string;
  email_sealed: string | null;
  email: string | null;
}

/** The address is bound to its company, table, column and user. */
export function emailBinding(companyId: string, userId: string): FieldBinding {
  return { companyId, entity: 'access_review.users', field: 'email', recordId: userId };
}

/**
 * Reviewer addresses, sealed with field encryption before they reach the projection and
 * opened only to send a mail. Nothing looks users up by address, so no blind index is kept.
 */
@Injectable()
export class ReviewerEmails implements OnApplicationBootstrap {
  private readonly logger = createLogger(ReviewerEmails.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @InjectFieldEncryption(ACCESS_REVIEW_SERVICE) private readonly encryption: FieldEncryption,
  ) {}

  async seal(companyId: string, userId: string, email: string | undefined): Promise<string | null> {
    return email === undefined
      ? null
      : this.encryption.encrypt(email, emailBinding(companyId, userId));
  }

  async addressOf(companyId: string, userId: string): Promise<string | undefined> {
    const rows: EmailRow[] = await this.dataSource.query(SELECT_EMAILS, [companyId, [userId]]);
    const row = rows[0];

    if (!row) {
      return undefined;
    }

    if (row.email_sealed !== null) {
      return this.encryption.decrypt(row.email_sealed, emailBinding(companyId, userId));
    }

    return row.email ?? undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealClearAddresses();

    if (sealed > 0) {
      this.logger.info({ sealed }, 'reviewer addresses kept in clear were sealed');
    }
  }

  /** Seals what was stored in clear before addresses were encrypted; safe on every replica. */
  async sealClearAddresses(): Promise<number> {
    let sealed = 0;

    for (;;) {
      const rows: (EmailRow & { company_id: string })[] = await this.dataSource.query(
        SELECT_CLEAR_EMAILS,
        [BATCH],
      );

      for (const row of rows) {
        const ciphertext = await this.encryption.encrypt(
          row.email as string,
          emailBinding(row.company_id, row.user_id),
        );
        await this.dataSource.query(SEAL_CLEAR_EMAIL, [
          row.company_id,
          row.user_id,
          row.email,
          ciphertext,
        ]);
        sealed += 1;
      }

      if (rows.length < BATCH) {
        return sealed;
      }
    }
  }
}
