import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  listAccessReviews,
  listDataResidency,
  listDsrRequests,
  listPolicyLogs,
  listRetentionLogs,
  listRetentionPolicies,
  listSecretLogs,
  listSecrets,
  listStaleAccess,
} from '@compliance/contracts';
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

  @Get('policy-logs')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Policy change log' })
  policyLogs(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listPolicyLogs, pageOf(query), auth);
  }

  @Get('data-residency')
  @RequireScopes('residency:read')
  @ApiOperation({ summary: 'Data residency configuration' })
  dataResidency(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listDataResidency, pageOf(query), auth);
  }

  @Get('dsr-requests')
  @RequireScopes('dsr:read')
  @ApiOperation({ summary: 'Data subject requests' })
  dsrRequests(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listDsrRequests, pageOf(query), auth);
  }

  @Get('secrets')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'Secrets (never their values)' })
  secrets(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listSecrets, pageOf(query), auth);
  }

  @Get('secret-logs')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'Secret access log' })
  secretLogs(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listSecretLogs, pageOf(query), auth);
  }

  @Get('access-reviews')
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'Access review campaigns' })
  accessReviews(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listAccessReviews, pageOf(query), auth);
  }

  @Get('stale-access')
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'Stale access items' })
  staleAccess(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listStaleAccess, pageOf(query), auth);
  }

  @Get('retention-policies')
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'Retention policies' })
  retentionPolicies(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listRetentionPolicies, pageOf(query), auth);
  }

  @Get('retention-logs')
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'Retention run logs' })
  retentionLogs(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listRetentionLogs, pageOf(query), auth);
  }
}
