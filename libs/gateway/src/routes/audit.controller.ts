import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, listAuditEntries } from '@compliance/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { AuditQueryDto } from '../dto/audit-query.dto';
import { pageOf } from '../dto/page-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/compliance/audit')
export class AuditController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('audit:read')
  @ApiOperation({ summary: 'The company’s audit trail, newest first' })
  list(@Query() query: AuditQueryDto, @CurrentAuth() auth: AuthContext) {
    const { limit, offset } = pageOf(query);
    const filters = {
      actorId: query.actorId,
      action: query.action,
      resourceType: query.resourceType,
      resourceId: query.resourceId,
      from: query.from,
      to: query.to,
    };
    const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));

    return this.services.send(listAuditEntries, { limit, offset, ...defined }, auth);
  }
}
