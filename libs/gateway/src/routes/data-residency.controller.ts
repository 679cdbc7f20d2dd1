import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  checkTransfer,
  deleteResidency,
  getResidency,
  listDataResidency,
  resolveResidencyPlacement,
  saveResidency,
  updateResidency,
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
import { CheckTransferDto, ResidencyConfigDto } from '../dto/residency.dto';

@ApiTags('data-residency')
@ApiBearerAuth()
@Controller('api/compliance/data-residency')
export class DataResidencyController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('residency:read')
  @ApiOperation({ summary: 'The company’s data residency configuration' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listDataResidency, pageOf(query), auth);
  }

  @Post()
  @RequireScopes('residency:write')
  @ApiOperation({
    summary: 'Set the residency configuration (replaces any existing one)',
    description:
      'Without `categories`, the stored placements of categories are kept; `{}` removes them.',
  })
  save(@Body() body: ResidencyConfigDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      saveResidency,
      {
        primaryRegion: body.primaryRegion,
        replicationRegions: body.replicationRegions ?? [],
        storagePrefixes: body.storagePrefixes ?? {},
        frameworks: body.frameworks ?? [],
        enforcement: body.enforcement ?? 'hard',
        blockCrossRegionTransfers: body.blockCrossRegionTransfers ?? true,
        categories: body.categories,
      },
      auth,
    );
  }

  @Post('check-transfer')
  @HttpCode(200)
  @RequireScopes('residency:read')
  @ApiOperation({ summary: 'May data of a category move from one region to another?' })
  checkTransfer(@Body() body: CheckTransferDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(checkTransfer, { ...body }, auth);
  }

  @Get('placement')
  @RequireScopes('residency:read')
  @ApiOperation({ summary: 'Where data of a category must be stored (region and prefix)' })
  placement(@Query('category') category: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(resolveResidencyPlacement, { category: category ?? '' }, auth);
  }

  @Get(':id')
  @RequireScopes('residency:read')
  @ApiOperation({ summary: 'One residency configuration' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getResidency, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('residency:write')
  @ApiOperation({
    summary: 'Change part of the residency configuration',
    description: 'A `categories` given replaces the stored placements; `{}` removes them.',
  })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: Partial<ResidencyConfigDto>,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updateResidency, { ...body, id }, auth);
  }

  @Delete(':id')
  @RequireScopes('residency:write')
  @ApiOperation({ summary: 'Remove the residency configuration' })
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(deleteResidency, { id }, auth);
  }
}
