import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  createDsrRequest,
  exportDsrRequest,
  extendDsrRequest,
  getDsrRequest,
  liftDsrRequest,
  listDsrRequests,
  openDsrExportDownload,
  processDsrRequest,
  readDsrExportPage,
  rollbackDsrRequest,
  updateDsrRequest,
  verifyDsrRequest,
} from '@compliance/contracts';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createLogger } from '@compliance/logging';
import { Response } from 'express';

import { ServiceClient } from '../client/service-client';
import { writeDsrExport } from '../dsr-export/write-dsr-export';
import {
  CreateDsrRequestDto,
  DsrExportDownloadQueryDto,
  DsrExportQueryDto,
  DsrListQueryDto,
  ExtendDsrRequestDto,
  UpdateDsrRequestDto,
  VerifyDsrRequestDto,
} from '../dto/dsr-request.dto';

const uuid = new ParseUUIDPipe();
const logger = createLogger('DsrRequestsController');

@ApiTags('dsr-requests')
@ApiBearerAuth()
@Controller('api/compliance/dsr-requests')
export class DsrRequestsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RequireScopes('dsr:write')
  @ApiOperation({ summary: 'Record a data subject request; its deadline starts at receipt' })
  create(@Body() body: CreateDsrRequestDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      createDsrRequest,
      {
        ...body,
        jurisdiction: body.jurisdiction ?? 'default',
        channel: body.channel ?? 'api',
        requester: {
          name: body.requester?.name ?? null,
          relation: body.requester?.relation ?? 'subject',
        },
        identifiers: body.identifiers.map((identifier) => ({ ...identifier })),
        purposes: body.purposes ?? [],
      },
      auth,
    );
  }

  @Get()
  @RequireScopes('dsr:read')
  @ApiOperation({ summary: 'Data subject requests, newest first' })
  list(@Query() query: DsrListQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      listDsrRequests,
      { limit: query.limit ?? 50, offset: query.offset ?? 0, status: query.status },
      auth,
    );
  }

  @Get(':id')
  @RequireScopes('dsr:read')
  @ApiOperation({ summary: 'A request with its tasks per connector' })
  get(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getDsrRequest, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('dsr:write')
  @ApiOperation({ summary: 'Reject a request with its reason, or correct the requester' })
  update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateDsrRequestDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updateDsrRequest, { id, ...body }, auth);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @RequireScopes('dsr:write')
  @ApiOperation({ summary: 'Record how each identifier of the subject was verified' })
  verify(
    @Param('id', uuid) id: string,
    @Body() body: VerifyDsrRequestDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(verifyDsrRequest, { id, verifications: body.verifications }, auth);
  }

  @Post(':id/process')
  @HttpCode(202)
  @RequireScopes('dsr:process')
  @ApiOperation({ summary: 'Fan the request out to every connector; safe to repeat' })
  process(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(processDsrRequest, { id }, auth);
  }

  @Post(':id/rollback')
  @HttpCode(202)
  @RequireScopes('dsr:process')
  @ApiOperation({ summary: 'Restore an erasure from its snapshot, within 30 days' })
  rollback(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(rollbackDsrRequest, { id }, auth);
  }

  @Post(':id/lift')
  @HttpCode(202)
  @RequireScopes('dsr:process')
  @ApiOperation({ summary: 'Lift a restriction or objection; modules may use the data again' })
  lift(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(liftDsrRequest, { id }, auth);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @RequireScopes('dsr:write')
  @ApiOperation({ summary: 'Extend the deadline once, with the reason the subject is told' })
  extend(
    @Param('id', uuid) id: string,
    @Body() body: ExtendDsrRequestDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(extendDsrRequest, { id, ...body }, auth);
  }

  @Get(':id/export')
  @RequireScopes('dsr:read')
  @ApiOperation({ summary: 'The export’s manifest and an expiring download token' })
  export(
    @Param('id', uuid) id: string,
    @Query() query: DsrExportQueryDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(exportDsrRequest, { id, format: query.format ?? 'json' }, auth);
  }

  @Get(':id/export/download')
  @RequireScopes('dsr:read')
  @ApiProduces('application/json', 'application/zip')
  @ApiOperation({
    summary: 'Download the export once with its token, streamed and opened on the fly',
  })
  async download(
    @Param('id', uuid) id: string,
    @Query() query: DsrExportDownloadQueryDto,
    @CurrentAuth() auth: AuthContext,
    @Res() response: Response,
  ): Promise<void> {
    // Redeemed before a byte is sent, so a refused link answers with a plain error.
    const opened = await this.services.send(
      openDsrExportDownload,
      { id, token: query.token },
      auth,
    );

    response.status(200);
    response.setHeader(
      'Content-Type',
      opened.format === 'zip' ? 'application/zip' : 'application/json',
    );
    response.setHeader('Content-Disposition', `attachment; filename="${opened.fileName}"`);
    response.setHeader('Cache-Control', 'no-store');

    try {
      await writeDsrExport(
        id,
        opened.format,
        (cursor) => this.services.send(readDsrExportPage, { id, token: query.token, cursor }, auth),
        response,
      );
    } catch (error) {
      // The status is sent already: cutting the connection is how the client learns.
      logger.warn({ err: error, requestId: auth.requestId }, 'export download cut short');
      response.destroy();
    }
  }
}
