import { FieldEncryption } from '@compliance/crypto';
import { DataSource } from 'typeorm';

import { CampaignCloser } from '../campaigns/campaign-closer.service';
import { CampaignStarter } from '../campaigns/campaign-starter.service';
import { ReviewMailer } from '../notifications/review-mailer';
import { ReviewNotifier } from '../notifications/review-notifier.service';
import { ReviewerEmails } from '../projection/reviewer-emails';
import { Clock, systemClock } from '../support/access-review.tokens';
import { ReviewRunner } from './review-runner.service';

/**
 * The runner outside the service, as the CLI uses it. Its events wait in the outbox
 * until the running service's relay publishes them, so none is lost for want of a bus.
 */
export function createReviewRunner(
  dataSource: DataSource,
  mailer: ReviewMailer,
  encryption: FieldEncryption,
  clock: Clock = systemClock,
): ReviewRunner {
  const outbox = { nudge: () => undefined };
  const notifier = new ReviewNotifier(
    dataSource,
    mailer,
    new ReviewerEmails(dataSource, encryption),
  );
  const starter = new CampaignStarter(dataSource, outbox, clock, notifier);
  const closer = new CampaignCloser(dataSource, outbox, notifier);

  return new ReviewRunner(dataSource, clock, starter, closer, notifier);
}
