import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, listSecretLogs, listSecrets } from '@compliance/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';

/**
 * The collection routes CRM clients call, each forwarded to the service that owns it.
 * Services whose capability is still being built answer 501.
 */
@ApiTags('collections')
@ApiBearerAuth()
@Controller('api/compliance')
export class CollectionsController {
  constructor(private readonly services: ServiceClient) {}
}
