import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  accessReviewReport,
  AuthContext,
  cancelAccessReview,
  getAccessReview,
  listAccessReviews,
  previewAccessReviewClose,
  startAccessReview,
  updateAccessReview,
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
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';

import { ServiceClient } from '../client/service-client';
import {
  AccessReviewReportQueryDto,
  StartAccessReviewDto,
  UpdateAccessReviewDto,
} from '../dto/access-review.dto';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';

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
  @ApiOperation({ summary: 'The campaign’s evidence as JSON or CSV, with its SHA-256' })
  async report(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AccessReviewReportQueryDto,
    @CurrentAuth() auth: AuthContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = query.format ?? 'json';
    const report = await this.services.send(accessReviewReport, { id, format }, auth);

    response.setHeader('x-content-sha256', report.contentHash);

    if (format === 'csv') {
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader('content-disposition', `attachment; filename="access-review-${id}.csv"`);
      return report.content;
    }

    return report;
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
