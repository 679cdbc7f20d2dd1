import { listAuditEntries as queryAuditTrail } from '@compliance/audit';
import { listAuditEntries, RequestOf } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { dataSourceToken } from '@compliance/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';

/**
 * The audit trail is written by every service into one schema; the policy service,
 * which governs compliance, answers the queries of auditors.
 */
@Controller()
export class AuditQueryController {
  constructor(@Inject(dataSourceToken('policy')) private readonly dataSource: DataSource) {}

  @MessagePattern(listAuditEntries.subject)
  list(@Payload() query: RequestOf<typeof listAuditEntries>, @Ctx() context: BusContext) {
    return queryAuditTrail(this.dataSource, context.companyId, query);
  }
}
