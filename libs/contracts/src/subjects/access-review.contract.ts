import { z } from 'zod';

import { defineEvent, defineRequest } from '../core/contract';
import { pageQuerySchema, pageSchema } from '../core/page';

/**
 * A calendar period in UTC: a month (2027-01), a quarter (2027-Q1), a half-year (2027-H1)
 * or a year (2027). Campaigns are unique per company and period.
 */
export const reviewPeriodSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/,
    'a period such as 2027-01, 2027-Q1, 2027-H1 or 2027',
  );

export const undecidedActionSchema = z.enum(['revoke', 'keep', 'escalate']);
export const staleAccessReasonSchema = z.enum(['inactive', 'deactivated', 'privileged', 'unused']);
export const revocationStatusSchema = z.enum(['pending', 'confirmed', 'failed']);

export type UndecidedAction = z.infer<typeof undecidedActionSchema>;
export type StaleAccessReason = z.infer<typeof staleAccessReasonSchema>;

export const completionSchema = z.object({
  items: z.number().int(),
  decided: z.number().int(),
  revoked: z.number().int(),
  retained: z.number().int(),
  undecided: z.number().int(),
  escalated: z.number().int(),
  decidedAutomatically: z.number().int(),
  revocationsPending: z.number().int(),
  revocationsConfirmed: z.number().int(),
  revocationsFailed: z.number().int(),
  percentComplete: z.number(),
});

export const accessReviewSchema = z.object({
  id: z.uuid(),
  period: reviewPeriodSchema,
  status: z.enum(['open', 'closed', 'cancelled']),
  trigger: z.enum(['api', 'cli', 'schedule']),
  startedBy: z.string(),
  openedAt: z.string(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  undecidedAction: undecidedActionSchema,
  reviewers: z.array(z.string()),
  usersInSnapshot: z.number().int(),
  completion: completionSchema,
});

export const staleAccessItemSchema = z.object({
  id: z.uuid(),
  reviewId: z.uuid(),
  userId: z.string(),
  role: z.string(),
  reasons: z.array(staleAccessReasonSchema),
  reviewerId: z.string().nullable(),
  reviewerSource: z.enum(['manager', 'admin', 'none']),
  decision: z.enum(['revoked', 'retained']).nullable(),
  justification: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedAutomatically: z.boolean(),
  escalatedAt: z.string().nullable(),
  revocationStatus: revocationStatusSchema.nullable(),
  revocationRequestedAt: z.string().nullable(),
  revocationConfirmedAt: z.string().nullable(),
  revocationError: z.string().nullable(),
});

export type AccessReview = z.infer<typeof accessReviewSchema>;
export type StaleAccessItem = z.infer<typeof staleAccessItemSchema>;
export type ReviewCompletion = z.infer<typeof completionSchema>;

const reviewId = z.object({ id: z.uuid() }).strict();

export const listAccessReviews = defineRequest({
  subject: 'compliance.access-review.reviews.list',
  version: 1,
  request: pageQuerySchema,
  response: pageSchema(accessReviewSchema),
});

export const getAccessReview = defineRequest({
  subject: 'compliance.access-review.reviews.get',
  version: 1,
  request: reviewId,
  response: accessReviewSchema,
});

/** Starting twice for one period answers the existing campaign with `created: false`. */
export const startAccessReview = defineRequest({
  subject: 'compliance.access-review.reviews.start',
  version: 1,
  request: z
    .object({
      period: reviewPeriodSchema.optional(),
      dueAt: z.iso.datetime({ offset: true }).optional(),
      trigger: z.enum(['api', 'cli', 'schedule']).default('api'),
    })
    .strict(),
  response: z.object({ created: z.boolean(), review: accessReviewSchema }),
});

export const updateAccessReview = defineRequest({
  subject: 'compliance.access-review.reviews.update',
  version: 1,
  request: z.object({ id: z.uuid(), dueAt: z.iso.datetime({ offset: true }) }).strict(),
  response: accessReviewSchema,
});

/** Campaigns are evidence: deleting one cancels it and keeps every row. */
export const cancelAccessReview = defineRequest({
  subject: 'compliance.access-review.reviews.cancel',
  version: 1,
  request: reviewId,
  response: accessReviewSchema,
});

export const previewAccessReviewClose = defineRequest({
  subject: 'compliance.access-review.reviews.preview-close',
  version: 1,
  request: reviewId,
  response: z.object({
    reviewId: z.uuid(),
    dueAt: z.string(),
    action: undecidedActionSchema,
    undecided: z.number().int(),
    items: z.array(
      z.object({
        id: z.uuid(),
        userId: z.string(),
        role: z.string(),
        reviewerId: z.string().nullable(),
      }),
    ),
  }),
});

/**
 * Renders a campaign's evidence once, records its hash in the audit trail and keeps it
 * for a while in pages that each fit one bus message; the gateway then streams the pages.
 * The hash is SHA-256 over the whole content: the canonical JSON of the report, or the CSV.
 */
export const exportAccessReviewReport = defineRequest({
  subject: 'compliance.access-review.reviews.export-report',
  version: 1,
  request: z.object({ id: z.uuid(), format: z.enum(['json', 'csv']).default('json') }).strict(),
  response: z.object({
    exportId: z.uuid(),
    reviewId: z.uuid(),
    format: z.enum(['json', 'csv']),
    generatedAt: z.string(),
    contentHash: z.string(),
    /** UTF-8 bytes of the content, the pages put together. */
    bytes: z.number().int(),
    pages: z.number().int(),
    /** Until when the pages can be read. */
    expiresAt: z.string(),
  }),
});

/** One page of an exported report: a slice of its text, to be joined in order. */
export const readAccessReviewReportPage = defineRequest({
  subject: 'compliance.access-review.reviews.read-report-page',
  version: 1,
  request: z.object({ exportId: z.uuid(), page: z.number().int().min(0).default(0) }).strict(),
  response: z.object({
    content: z.string(),
    /** The next page's number; null after the last. */
    next: z.number().int().nullable(),
  }),
});

export const listStaleAccess = defineRequest({
  subject: 'compliance.access-review.stale-access.list',
  version: 1,
  request: pageQuerySchema.extend({
    reviewId: z.uuid().optional(),
    state: z.enum(['undecided', 'decided', 'revocation-pending']).optional(),
  }),
  response: pageSchema(staleAccessItemSchema),
});

export const resolveStaleAccess = defineRequest({
  subject: 'compliance.access-review.stale-access.resolve',
  version: 1,
  request: z
    .object({
      id: z.uuid(),
      decision: z.enum(['revoked', 'retained']),
      justification: z.string().trim().max(2000).optional(),
    })
    .strict(),
  response: staleAccessItemSchema,
});

export const accessReviewOpened = defineEvent({
  subject: 'compliance.events.access-review.opened',
  version: 1,
  payload: z
    .object({ reviewId: z.uuid(), period: reviewPeriodSchema, items: z.number().int() })
    .strict(),
});

export const accessReviewClosed = defineEvent({
  subject: 'compliance.events.access-review.closed',
  version: 1,
  payload: z
    .object({ reviewId: z.uuid(), action: undecidedActionSchema, undecided: z.number().int() })
    .strict(),
});

/**
 * The command to the identity module to take a role away. `commandId` comes back in
 * `identityRoleRevocationConfirmed`; until then the revocation shows as pending.
 */
export const roleRevocationRequested = defineEvent({
  subject: 'compliance.events.access-review.role-revocation-requested',
  version: 1,
  payload: z
    .object({
      commandId: z.uuid(),
      reviewId: z.uuid(),
      userId: z.string().min(1).max(256),
      role: z.string().min(1).max(128),
      automatic: z.boolean(),
    })
    .strict(),
});
