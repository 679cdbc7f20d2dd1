import { recordAudit } from '@compliance/audit';
import {
  AuthContext,
  getDsrContact,
  ResponseOf,
  RequestOf,
  setDsrContact,
} from '@compliance/contracts';
import { dataSourceToken } from '@compliance/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { maskIdentifier } from '../encryption/dsr-subject-cipher';
import { DsrContactSealer } from './dsr-contact.sealer';
import { dsrNoticeQueries } from './dsr-notice.queries';

type ContactView = ResponseOf<typeof getDsrContact>;

/** The company's DSR contact address: sealed at rest, shown masked, audited when it changes. */
@Injectable()
export class DsrContactService {
  constructor(
    @Inject(dataSourceToken('dsr')) private readonly dataSource: DataSource,
    private readonly sealer: DsrContactSealer,
  ) {}

  async get(auth: AuthContext): Promise<ContactView> {
    const [row] = await this.dataSource.query<{ email_masked: string; updated_at: Date }[]>(
      dsrNoticeQueries.contact,
      [auth.companyId],
    );

    return row
      ? { maskedEmail: row.email_masked, updatedAt: row.updated_at.toISOString() }
      : { maskedEmail: null, updatedAt: null };
  }

  async set(input: RequestOf<typeof setDsrContact>, auth: AuthContext): Promise<ContactView> {
    const email = input.email?.trim() ?? null;
    // Sealed before the transaction: the key ring reads keys through connections of its own.
    const sealed = email ? await this.sealer.seal(auth.companyId, email) : null;

    return this.dataSource.transaction(async (manager) => {
      let view: ContactView = { maskedEmail: null, updatedAt: null };

      if (email && sealed) {
        const [row] = await manager.query<{ email_masked: string; updated_at: Date }[]>(
          dsrNoticeQueries.upsertContact,
          [auth.companyId, sealed, maskIdentifier(email)],
        );
        view = { maskedEmail: row.email_masked, updatedAt: row.updated_at.toISOString() };
      } else {
        await manager.query(dsrNoticeQueries.deleteContact, [auth.companyId]);
      }

      await recordAudit(manager, {
        companyId: auth.companyId,
        actor: auth.actor,
        action: email ? 'dsr.contact-set' : 'dsr.contact-removed',
        resourceType: 'dsr-contact',
        resourceId: auth.companyId,
        outcome: 'success',
        requestId: auth.requestId,
        details: {},
      });
      return view;
    });
  }
}
