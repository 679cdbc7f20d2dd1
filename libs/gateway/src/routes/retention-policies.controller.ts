import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  createRetentionPolicy,
  deleteRetentionPolicy,
  executeRetentionPolicy,
  getRetentionPolicy,
  listRetentionPolicies,
  updateRetentionPolicy,
} from '@compliance/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';
import {
  CreateRetentionPolicyDto,
  ExecuteRetentionPolicyDto,
  UpdateRetentionPolicyDto,
} from '../dto/retention.dto';

@ApiTags('retention')
@ApiBearerAuth()
@Controller('api/compliance/retention-policies')
export class RetentionPoliciesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'Retention policies' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listRetentionPolicies, pageOf(query), auth);
  }

  @Post()
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Create a retention policy' })
  create(@Body() body: CreateRetentionPolicyDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      createRetentionPolicy,
      {
        name: body.name,
        entity: body.entity,
        periodDays: body.periodDays,
        dateField: body.dateField,
        method: body.method,
        conditions: body.conditions ?? [],
        schedule: body.schedule ?? '0 2 * * *',
        active: body.active ?? true,
        softDeleteColumn: body.softDeleteColumn ?? null,
      },
      auth,
    );
  }

  @Get(':id')
  @RequireScopes('retention:read')
  @ApiOperation({ summary: 'One retention policy' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getRetentionPolicy, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Change a retention policy (a new version)' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRetentionPolicyDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(
      updateRetentionPolicy,
      { id, ...body, conditions: body.conditions },
      auth,
    );
  }

  @Delete(':id')
  @RequireScopes('retention:write')
  @ApiOperation({ summary: 'Delete a retention policy' })
  remove(@Param('id', ParseUUIDPipe) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(deleteRetentionPolicy, { id }, auth);
  }

  @Post(':id/execute')
  @HttpCode(202)
  @RequireScopes('retention:execute')
  @ApiOperation({ summary: 'Preview a run (preview: true), or start one' })
  execute(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExecuteRetentionPolicyDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(
      executeRetentionPolicy,
      {
        id,
        preview: body.preview ?? false,
        previewId: body.previewId,
        maxGrowthPercent: body.maxGrowthPercent ?? 0,
      },
      auth,
    );
  }
}
