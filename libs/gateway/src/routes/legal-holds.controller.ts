import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  createLegalHold,
  getLegalHold,
  listLegalHolds,
  releaseLegalHold,
  updateLegalHold,
} from '@compliance/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { pageOf } from '../dto/page-query.dto';
import { CreateLegalHoldDto, LegalHoldQueryDto, UpdateLegalHoldDto } from '../dto/retention.dto';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/compliance/legal-holds')
export class LegalHoldsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'Legal holds (active ones unless includeReleased=true)' })
  list(@Query() query: LegalHoldQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      listLegalHolds,
      { ...pageOf(query), includeReleased: query.includeReleased === 'true' },
      auth,
    );
  }

  @Post()
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Place a legal hold on a subject, an entity or a filter' })
  create(@Body() body: CreateLegalHoldDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      createLegalHold,
      {
        reason: body.reason,
        scope: body.scope,
        subject: body.subject ? { kind: body.subject.kind, value: body.subject.value } : undefined,
        entity: body.entity,
        conditions: body.conditions ?? [],
      },
      auth,
    );
  }

  @Get(':id')
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'One legal hold' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getLegalHold, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Change a legal hold’s reason' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateLegalHoldDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updateLegalHold, { id, reason: body.reason }, auth);
  }

  @Delete(':id')
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Release a legal hold (kept as evidence, no longer in force)' })
  release(@Param('id', ParseUUIDPipe) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(releaseLegalHold, { id }, auth);
  }
}
