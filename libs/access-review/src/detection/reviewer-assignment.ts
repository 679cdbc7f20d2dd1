export interface ReviewerChoice {
  reviewerId: string | null;
  source: 'manager' | 'admin' | 'none';
}

export interface ReviewerPool {
  admins: string[];
  deactivated: ReadonlySet<string>;
}

/**
 * The user's manager reviews them when there is an active one; otherwise the company's
 * admins take turns by `turn`. Nobody reviews their own access, so an admin under review
 * is skipped; with nobody left the item stays unassigned and shows as such.
 */
export function chooseReviewer(
  userId: string,
  managerId: string | null,
  pool: ReviewerPool,
  turn: number,
): ReviewerChoice {
  if (managerId && managerId !== userId && !pool.deactivated.has(managerId)) {
    return { reviewerId: managerId, source: 'manager' };
  }

  const candidates = pool.admins.filter((admin) => admin !== userId);

  if (candidates.length === 0) {
    return { reviewerId: null, source: 'none' };
  }

  return { reviewerId: candidates[turn % candidates.length], source: 'admin' };
}
