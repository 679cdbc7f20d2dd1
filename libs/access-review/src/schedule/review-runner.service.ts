import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_OPEN_REVIEWS } from '../campaigns/campaign.queries';
import { CampaignCloser } from '../campaigns/campaign-closer.service';
import { CampaignStarter } from '../campaigns/campaign-starter.service';
import { ReviewCadence } from '../campaigns/review-period';
import { ReviewRow } from '../campaigns/review.mapper';
import { removeExpiredReportExports } from '../evidence/report-export-expiry';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { SELECT_KNOWN_COMPANIES } from '../settings/review-settings.queries';
import { ACCESS_REVIEW_DATA_SOURCE, Clock, REVIEW_CLOCK } from '../support/access-review.tokens';
import { systemAuth } from '../support/system-auth';

export interface RunSummary {
  started: { companyId: string; reviewId: string; period: string; created: boolean }[];
  /** Companies whose cadence opens no period this month: quarterly ones in February. */
  notDue: { companyId: string; period: string; cadence: ReviewCadence }[];
  closed: number;
  mailsSent: number;
  /** Exported reports past their time, removed whether or not anyone exports again. */
  reportsExpired: number;
}

/**
 * The work the schedule and `compliance access-review run` do: open the current period
 * of each company's cadence when this month starts one (once per company and period
 * however often it runs), then the daily part: close what is due, send owed mails and
 * remove expired report exports.
 */
@Injectable()
export class ReviewRunner {
  private readonly logger = createLogger(ReviewRunner.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_CLOCK) private readonly clock: Clock,
    private readonly starter: CampaignStarter,
    private readonly closer: CampaignCloser,
    private readonly notifier: ReviewNotifier,
  ) {}

  async run(options: { companyId?: string; trigger: 'cli' | 'schedule' }): Promise<RunSummary> {
    const starts = await this.startCampaigns(options);
    const daily = await this.processDue();

    return { ...starts, ...daily };
  }

  async startCampaigns(options: {
    companyId?: string;
    trigger: 'cli' | 'schedule';
  }): Promise<Pick<RunSummary, 'started' | 'notDue'>> {
    const known: { company_id: string }[] = options.companyId
      ? []
      : await this.dataSource.query(SELECT_KNOWN_COMPANIES);
    const companies = options.companyId ? [options.companyId] : known.map((row) => row.company_id);
    const summary: Pick<RunSummary, 'started' | 'notDue'> = { started: [], notDue: [] };

    for (const companyId of companies) {
      const auth = systemAuth(companyId, `access-review-${options.trigger}`);
      const result = await this.starter.startScheduled(options.trigger, auth);

      if (!result.due) {
        summary.notDue.push({ companyId, period: result.period, cadence: result.cadence });
        continue;
      }

      summary.started.push({
        companyId,
        reviewId: result.review.id,
        period: result.review.period,
        created: result.created,
      });
    }

    this.logger.info(
      {
        opened: summary.started.filter((start) => start.created).length,
        alreadyOpen: summary.started.filter((start) => !start.created).length,
        notDue: summary.notDue.length,
      },
      'scheduled access review campaigns checked',
    );
    return summary;
  }

  /**
   * Closes due campaigns, sends the opening mails and reminders still owed, then removes
   * the exported reports past their time.
   */
  async processDue(): Promise<Pick<RunSummary, 'closed' | 'mailsSent' | 'reportsExpired'>> {
    const now = this.clock.now();
    const closed = await this.closer.closeDue(now);
    const open: ReviewRow[] = await this.dataSource.query(SELECT_OPEN_REVIEWS);
    let mailsSent = 0;

    for (const review of open) {
      mailsSent += await this.notifier.notifyReview(review.id, now);
    }

    const reportsExpired = await removeExpiredReportExports(this.dataSource, now);

    this.logger.info({ closed, mailsSent, reportsExpired }, 'access review due dates processed');
    return { closed, mailsSent, reportsExpired };
  }
}
