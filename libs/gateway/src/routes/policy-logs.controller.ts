import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, listPolicyLogs } from '@compliance/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/compliance/policy-logs')
export class PolicyLogsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Every policy change, newest first, with its diff' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listPolicyLogs, pageOf(query), auth);
  }
}
