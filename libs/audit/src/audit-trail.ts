import { AuditEntryView, Page } from '@compliance/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { AuditEntryQuery, listAuditEntries } from './listing/list-audit-entries';
import { AuditEntryInput } from './recording/audit-entry-input';
import { recordAudit } from './recording/record-audit';
import { ChainVerification, VerifyOptions } from './verification/chain-verification';
import { verifyAuditChain } from './verification/verify-audit-chain';

/**
 * The trail behind one data source. Changes are recorded in the caller's transaction;
 * what happens outside one, such as a denied attempt that changed nothing, gets a
 * transaction of its own.
 */
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async record(input: AuditEntryInput, manager?: EntityManager): Promise<AuditEntryView> {
    if (manager?.queryRunner?.isTransactionActive) {
      return recordAudit(manager, input);
    }

    return this.dataSource.transaction((own) => recordAudit(own, input));
  }

  async list(companyId: string, query: AuditEntryQuery): Promise<Page<AuditEntryView>> {
    return listAuditEntries(this.dataSource, companyId, query);
  }

  async verify(options: VerifyOptions = {}): Promise<ChainVerification> {
    return verifyAuditChain(this.dataSource, options);
  }
}
