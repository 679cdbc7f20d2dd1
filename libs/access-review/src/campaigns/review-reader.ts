import { AccessReview, ServiceError } from '@compliance/contracts';
import { EntityManager } from 'typeorm';

import { COUNT_SNAPSHOT_USERS, SELECT_COMPLETION, SELECT_REVIEW } from './campaign.queries';
import { CompletionRow, ReviewRow, toAccessReview } from './review.mapper';

/** Campaigns as clients see them, with their completion figures. */
export async function describeReviews(
  manager: EntityManager,
  rows: ReviewRow[],
): Promise<AccessReview[]> {
  const ids = rows.map((row) => row.id);
  const completions: CompletionRow[] = await manager.query(SELECT_COMPLETION, [ids]);
  const users: { review_id: string; users: number }[] = await manager.query(COUNT_SNAPSHOT_USERS, [
    ids,
  ]);

  return rows.map((row) =>
    toAccessReview(
      row,
      completions.find((completion) => completion.review_id === row.id),
      users.find((count) => count.review_id === row.id)?.users ?? 0,
    ),
  );
}

/** Another company's campaign is simply not found. */
export async function findReviewRow(
  manager: EntityManager,
  id: string,
  companyId: string,
): Promise<ReviewRow> {
  const rows: ReviewRow[] = await manager.query(SELECT_REVIEW, [id, companyId]);

  if (!rows[0]) {
    throw ServiceError.notFound('access review');
  }

  return rows[0];
}

export async function describeReview(
  manager: EntityManager,
  id: string,
  companyId: string,
): Promise<AccessReview> {
  const [review] = await describeReviews(manager, [await findReviewRow(manager, id, companyId)]);
  return review;
}
