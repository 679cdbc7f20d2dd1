import {
  cancelAccessReview,
  exportAccessReviewReport,
  getAccessReview,
  listAccessReviews,
  previewAccessReviewClose,
  readAccessReviewReportPage,
  RequestOf,
  startAccessReview,
  updateAccessReview,
} from '@compliance/contracts';
import { BusContext } from '@compliance/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';

import { ReviewReportService } from '../evidence/review-report.service';
import { CampaignCloser } from './campaign-closer.service';
import { CampaignStarter } from './campaign-starter.service';
import { CampaignsService } from './campaigns.service';

@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly closer: CampaignCloser,
    private readonly reports: ReviewReportService,
    private readonly starter: CampaignStarter,
  ) {}

  @MessagePattern(listAccessReviews.subject)
  list(@Payload() payload: RequestOf<typeof listAccessReviews>, @Ctx() context: BusContext) {
    return this.campaigns.list(payload, context.auth);
  }

  @MessagePattern(getAccessReview.subject)
  get(@Payload() payload: RequestOf<typeof getAccessReview>, @Ctx() context: BusContext) {
    return this.campaigns.get(payload.id, context.auth);
  }

  @MessagePattern(startAccessReview.subject)
  start(@Payload() payload: RequestOf<typeof startAccessReview>, @Ctx() context: BusContext) {
    return this.starter.start(payload, context.auth);
  }

  @MessagePattern(updateAccessReview.subject)
  update(@Payload() payload: RequestOf<typeof updateAccessReview>, @Ctx() context: BusContext) {
    return this.campaigns.reschedule(payload.id, payload.dueAt, context.auth);
  }

  @MessagePattern(cancelAccessReview.subject)
  cancel(@Payload() payload: RequestOf<typeof cancelAccessReview>, @Ctx() context: BusContext) {
    return this.campaigns.cancel(payload.id, context.auth);
  }

  @MessagePattern(previewAccessReviewClose.subject)
  previewClose(
    @Payload() payload: RequestOf<typeof previewAccessReviewClose>,
    @Ctx() context: BusContext,
  ) {
    return this.closer.preview(payload.id, context.auth);
  }

  @MessagePattern(exportAccessReviewReport.subject)
  exportReport(
    @Payload() payload: RequestOf<typeof exportAccessReviewReport>,
    @Ctx() context: BusContext,
  ) {
    return this.reports.export(payload.id, payload.format, context.auth);
  }

  @MessagePattern(readAccessReviewReportPage.subject)
  readReportPage(
    @Payload() payload: RequestOf<typeof readAccessReviewReportPage>,
    @Ctx() context: BusContext,
  ) {
    return this.reports.page(payload.exportId, payload.page, context.auth);
  }
}
