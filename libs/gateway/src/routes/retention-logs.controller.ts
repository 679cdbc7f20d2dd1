import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, listRetentionLogs } from '@compliance/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { pageOf } from '../dto/page-query.dto';
import { RetentionLogQueryDto } from '../dto/retention.dto';
import { ServiceClient } from '../client/service-client';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/compliance/retention-logs')
export class RetentionLogsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'Retention run logs, one per run and entity' })
  list(@Query() query: RetentionLogQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      listRetentionLogs,
      { ...pageOf(query), policyId: query.policyId, runId: query.runId },
      auth,
    );
  }
}
