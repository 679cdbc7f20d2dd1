import { AppConfig, APP_CONFIG } from '@compliance/config';
import { provideFieldEncryption } from '@compliance/crypto';
import { ServiceDatabaseModule } from '@compliance/platform';
import { ActivePolicyReader } from '@compliance/policy-settings';
import { Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { CampaignCloser } from './campaigns/campaign-closer.service';
import { CampaignStarter } from './campaigns/campaign-starter.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { StaleAccessController } from './decisions/stale-access.controller';
import { StaleAccessService } from './decisions/stale-access.service';
import { ReviewReportService } from './evidence/review-report.service';
import { ACCESS_REVIEW_SCHEMA } from './migrations/access-review.migrations';
import { createReviewMailer, ReviewMailer } from './notifications/review-mailer';
import { ReviewNotifier } from './notifications/review-notifier.service';
import { PolicyAppliedController } from './policy/policy-applied.controller';
import { AccessReviewImpactController } from './policy-impact/access-review-impact.controller';
import { AccessReviewImpactService } from './policy-impact/access-review-impact.service';
import { IdentityEventsController } from './projection/identity-events.controller';
import { ReviewerEmails } from './projection/reviewer-emails';
import { ReviewRunner } from './schedule/review-runner.service';
import { ReviewScheduler } from './schedule/review-scheduler';
import {
  ACCESS_REVIEW_SERVICE,
  REVIEW_CLOCK,
  REVIEW_MAILER,
  systemClock,
} from './support/access-review.tokens';

@Module({
  imports: [
    ScheduleModule.forRoot(),
    ServiceDatabaseModule.forService({
      service: ACCESS_REVIEW_SERVICE,
      schema: ACCESS_REVIEW_SCHEMA,
      entities: [],
    }),
  ],
  controllers: [
    AccessReviewImpactController,
    CampaignsController,
    IdentityEventsController,
    PolicyAppliedController,
    StaleAccessController,
  ],
  providers: [
    AccessReviewImpactService,
    ActivePolicyReader,
    CampaignCloser,
    CampaignsService,
    CampaignStarter,
    ReviewNotifier,
    ReviewerEmails,
    ReviewReportService,
    ReviewRunner,
    ReviewScheduler,
    StaleAccessService,
    ...provideFieldEncryption(ACCESS_REVIEW_SERVICE),
    { provide: REVIEW_CLOCK, useValue: systemClock },
    {
      provide: REVIEW_MAILER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createReviewMailer(config.mail.smtpUrl, config.mail.from),
    },
  ],
  exports: [ReviewRunner],
})
export class AccessReviewServiceModule implements OnApplicationShutdown {
  constructor(@Inject(REVIEW_MAILER) private readonly mailer: ReviewMailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
