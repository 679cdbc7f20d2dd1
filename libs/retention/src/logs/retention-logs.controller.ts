import { listRetentionLogs, RequestOf } from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { RetentionLogsService } from './retention-logs.service';

@Controller()
export class RetentionLogsController {
  constructor(private readonly logs: RetentionLogsService) {}

  @MessagePattern(listRetentionLogs.subject)
  list(@Payload() payload: RequestOf<typeof listRetentionLogs>, @Ctx() context: BusContext) {
    return this.logs.list(payload, context.auth);
  }
}
