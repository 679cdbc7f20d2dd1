import { recordAudit } from '@compliance/audit';
import { createLogger } from '@compliance/logging';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { SELECT_ADMINS } from '../detection/detection.queries';
import { ReviewerEmails } from '../projection/reviewer-emails';
import { loadReviewSettings } from '../settings/review-settings.store';
import { updateReturning } from '../support/update-returning';
import { ACCESS_REVIEW_DATA_SOURCE, REVIEW_MAILER } from '../support/access-review.tokens';
import { escalationMail, openedMail, reminderMail, ReviewMailFacts } from './mail-templates';
import { nextNotification, NotificationKind } from './notification-plan';
import {
  CLAIM_NOTIFICATION,
  FINISH_NOTIFICATION,
  RECLAIM_FAILED,
  SELECT_MANAGERS,
  SELECT_PENDING_BY_REVIEWER,
  SELECT_REVIEW_FOR_MAIL,
  SELECT_SENT_KINDS,
} from './notification.queries';
import { MailMessage, ReviewMailer } from './review-mailer';

interface ReviewForMail {
  id: string;
  company_id: string;
  period: string;
  opened_at: Date;
  due_at: Date;
  status: string;
}

interface Delivery {
  review: ReviewForMail;
  reviewerId: string;
  recipientId: string;
  kind: NotificationKind;
  mail: (to: string) => MailMessage;
}

const NOTIFIER_ACTOR = { type: 'system', id: 'access-review-notifier' };

/**
 * Mails reviewers: the opening, the reminders and the escalation when a campaign is
 * overdue. Each mail is claimed in the database before it is sent, so no reviewer gets
 * the same one twice, whichever replica or run gets there first.
 */
@Injectable()
export class ReviewNotifier {
  private readonly logger = createLogger(ReviewNotifier.name);

  constructor(
    @Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REVIEW_MAILER) private readonly mailer: ReviewMailer,
    private readonly emails: ReviewerEmails,
  ) {}

  /** The opening mail or the reminder each reviewer of an open campaign is owed now. */
  async notifyReview(reviewId: string, now: Date): Promise<number> {
    const review = await this.review(reviewId);

    if (!review || review.status !== 'open') {
      return 0;
    }

    const settings = await loadReviewSettings(this.dataSource.manager, review.company_id);
    const pending = await this.pendingByReviewer(reviewId);
    const sentRows: { reviewer_id: string; kind: string }[] = await this.dataSource.query(
      SELECT_SENT_KINDS,
      [reviewId],
    );
    let sent = 0;

    for (const { reviewer_id: reviewerId, items } of pending) {
      const already = new Set(
        sentRows.filter((row) => row.reviewer_id === reviewerId).map((row) => row.kind),
      );
      const kind = nextNotification({
        openedAt: review.opened_at,
        dueAt: review.due_at,
        now,
        reminderDays: settings.reminderDays,
        sent: already,
      });

      if (kind) {
        const facts = factsOf(review, reviewerId, items);
        const mail = (to: string) =>
          kind === 'opened'
            ? openedMail(to, facts)
            : reminderMail(to, facts, Number(kind.slice('reminder-'.length)));

        sent += await this.deliver({ review, reviewerId, recipientId: reviewerId, kind, mail });
      }
    }

    return sent;
  }

  /** Tells each late reviewer's manager, or else the admins, what was left undecided. */
  async escalate(reviewId: string): Promise<number> {
    const review = await this.review(reviewId);

    if (!review) {
      return 0;
    }

    const settings = await loadReviewSettings(this.dataSource.manager, review.company_id);
    const pending = await this.pendingByReviewer(reviewId);
    const reviewers = pending.map((row) => row.reviewer_id);
    const managers: { user_id: string; manager_id: string }[] = await this.dataSource.query(
      SELECT_MANAGERS,
      [review.company_id, reviewers],
    );
    const admins: { user_id: string }[] = await this.dataSource.query(SELECT_ADMINS, [
      review.company_id,
      settings.adminRoles,
    ]);
    let sent = 0;

    for (const { reviewer_id: reviewerId, items } of pending) {
      const manager = managers.find((row) => row.user_id === reviewerId)?.manager_id;
      const recipients = manager
        ? [manager]
        : admins.map((row) => row.user_id).filter((admin) => admin !== reviewerId);
      const facts = factsOf(review, reviewerId, items);

      for (const recipientId of recipients) {
        sent += await this.deliver({
          review,
          reviewerId,
          recipientId,
          kind: 'escalation',
          mail: (to) => escalationMail(to, facts),
        });
      }
    }

    return sent;
  }

  private async deliver(delivery: Delivery): Promise<number> {
    const { review, reviewerId, recipientId, kind } = delivery;
    const args = [review.id, reviewerId, recipientId, kind];
    const claimed: { id: string }[] = await this.dataSource.query(CLAIM_NOTIFICATION, [
      review.company_id,
      ...args,
    ]);
    const row =
      claimed[0] ??
      (await updateReturning<{ id: string }>(this.dataSource, RECLAIM_FAILED, args))[0];

    if (!row) {
      return 0;
    }

    const status = await this.send(review.company_id, recipientId, delivery);

    await this.dataSource.transaction(async (manager) => {
      await manager.query(FINISH_NOTIFICATION, [row.id, status.status, status.error ?? null]);
      await recordAudit(manager, {
        companyId: review.company_id,
        actor: NOTIFIER_ACTOR,
        action: 'access-review.notification',
        resourceType: 'access-review',
        resourceId: review.id,
        outcome: status.status === 'failed' ? 'failure' : 'success',
        details: { kind, reviewerId, recipientId, status: status.status },
      });
    });

    return status.status === 'sent' ? 1 : 0;
  }

  private async send(
    companyId: string,
    recipientId: string,
    delivery: Delivery,
  ): Promise<{ status: 'sent' | 'recorded' | 'no_address' | 'failed'; error?: string }> {
    const to = await this.emails.addressOf(companyId, recipientId);

    if (!to) {
      return { status: 'no_address' };
    }

    if (!this.mailer.delivers) {
      return { status: 'recorded' };
    }

    try {
      await this.mailer.send(delivery.mail(to));
      return { status: 'sent' };
    } catch (error) {
      // The row stays failed and the next run tries again. Only the error code is logged:
      // SMTP messages often quote the address.
      const code = (error as { code?: unknown } | null)?.code;
      this.logger.warn({ code, reviewId: delivery.review.id, recipientId }, 'mail failed');
      return { status: 'failed', error: error instanceof Error ? error.message : 'send failed' };
    }
  }

  private async review(reviewId: string): Promise<ReviewForMail | undefined> {
    const rows: ReviewForMail[] = await this.dataSource.query(SELECT_REVIEW_FOR_MAIL, [reviewId]);
    return rows[0];
  }

  private pendingByReviewer(reviewId: string): Promise<{ reviewer_id: string; items: number }[]> {
    return this.dataSource.query(SELECT_PENDING_BY_REVIEWER, [reviewId]);
  }
}

function factsOf(review: ReviewForMail, reviewerId: string, items: number): ReviewMailFacts {
  return { period: review.period, dueAt: review.due_at, items, reviewerId };
}
