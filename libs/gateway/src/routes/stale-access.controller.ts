import { CurrentAuth, RequireScopes } from '@compliance/auth';
import { AuthContext, listStaleAccess, resolveStaleAccess } from '@compliance/contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { ResolveStaleAccessDto, StaleAccessQueryDto } from '../dto/access-review.dto';
import { pageOf } from '../dto/page-query.dto';

@ApiTags('access-reviews')
@ApiBearerAuth()
@Controller('api/compliance/stale-access')
export class StaleAccessController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'Items up for review, with their decisions and revocations' })
  list(@Query() query: StaleAccessQueryDto, @CurrentAuth() auth: AuthContext) {
    const filters = { reviewId: query.reviewId, state: query.state };
    const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));

    return this.services.send(listStaleAccess, { ...pageOf(query), ...defined }, auth);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScopes('access-review:write')
  @ApiOperation({ summary: 'Decide an item: revoked, or retained with a justification' })
  resolve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveStaleAccessDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(
      resolveStaleAccess,
      { id, decision: body.decision, justification: body.justification },
      auth,
    );
  }
}
