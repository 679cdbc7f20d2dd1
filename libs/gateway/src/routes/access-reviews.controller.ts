import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  cancelAccessReview,
  exportAccessReviewReport,
  getAccessReview,
  listAccessReviews,
  previewAccessReviewClose,
  readAccessReviewReportPage,
  startAccessReview,
  updateAccessReview,
} from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
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
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';

import { reportLength, writeReviewReport } from '../access-review-report/write-review-report';
import { ServiceClient } from '../client/service-client';
import {
  AccessReviewReportQueryDto,
  StartAccessReviewDto,
  UpdateAccessReviewDto,
} from '../dto/access-review.dto';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';

const logger = createLogger('AccessReviewsController');

@ApiTags('access-reviews')
@ApiBearerAuth()
@Controller('api/compliance/access-reviews')
export class AccessReviewsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'Access review campaigns, newest first, with completion figures' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listAccessReviews, pageOf(query), auth);
  }

  @Post()
  @RequireScopes('access-review:write')
  @ApiOperation({ summary: 'Open a campaign (same as start_review)' })
  create(
    @Body() body: StartAccessReviewDto,
    @CurrentAuth() auth: AuthContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.start(body, auth, response);
  }

  @Post('start_review')
  @RequireScopes('access-review:write')
  @ApiOperation({
    summary: 'Open the campaign of a period: 201 when opened, 200 with the existing one',
  })
  async startReview(
    @Body() body: StartAccessReviewDto,
    @CurrentAuth() auth: AuthContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.start(body, auth, response);
  }

  @Get(':id')
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'A campaign with its reviewers and completion figures' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getAccessReview, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('access-review:write')
  @ApiOperation({ summary: 'Move an open campaign’s due date' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAccessReviewDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updateAccessReview, { id, dueAt: body.dueAt }, auth);
  }

  @Delete(':id')
  @RequireScopes('access-review:write')
  @ApiOperation({ summary: 'Cancel an open campaign; its rows stay as evidence' })
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(cancelAccessReview, { id }, auth);
  }

  @Get(':id/close-preview')
  @RequireScopes('access-review:read')
  @ApiOperation({ summary: 'What closing at the due date would do to undecided items' })
  previewClose(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(previewAccessReviewClose, { id }, auth);
  }

  @Get(':id/report')
  @RequireScopes('access-review:read')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary: 'The campaign’s evidence as JSON or CSV, with its SHA-256, streamed in pages',
  })
  async report(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AccessReviewReportQueryDto,
    @CurrentAuth() auth: AuthContext,
    @Res() response: Response,
  ): Promise<void> {
    // Rendered, hashed and recorded before a byte is sent, so a refusal is a plain error.
    const format = query.format ?? 'json';
    const manifest = await this.services.send(exportAccessReviewReport, { id, format }, auth);

    response.status(200);
    response.setHeader('x-content-sha256', manifest.contentHash);
    response.setHeader('content-length', reportLength(manifest));
    response.setHeader('cache-control', 'no-store');

    if (format === 'csv') {
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader('content-disposition', `attachment; filename="access-review-${id}.csv"`);
    } else {
      response.setHeader('content-type', 'application/json; charset=utf-8');
    }

    try {
      await writeReviewReport(
        manifest,
        (page) =>
          this.services.send(
            readAccessReviewReportPage,
            { exportId: manifest.exportId, page },
            auth,
          ),
        response,
      );
    } catch (error) {
      // The status is sent already: cutting the connection is how the client learns.
      logger.warn({ err: error, requestId: auth.requestId }, 'report download cut short');
      response.destroy();
    }
  }

  private async start(body: StartAccessReviewDto, auth: AuthContext, response: Response) {
    const result = await this.services.send(
      startAccessReview,
      { period: body.period, dueAt: body.dueAt, trigger: 'api' },
      auth,
    );

    response.status(result.created ? 201 : 200);
    return result;
  }
}
