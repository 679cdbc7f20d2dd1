import { AuthContext, ImpactReport, ImpactRequest } from '@compliance/contracts';
import { impactDocumentSets } from '@compliance/policy-engine';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { detectStaleAccess } from '../detection/stale-access.detector';
import { reviewSettingsFromPolicies } from '../policy/policy-review-settings';
import { ReviewSettings } from '../settings/review-settings';
import { loadReviewSettings } from '../settings/review-settings.store';
import { ACCESS_REVIEW_DATA_SOURCE, ACCESS_REVIEW_SERVICE } from '../support/access-review.tokens';
import { ReviewOutcome, reviewImpactItems } from './review-impact-items';

/**
 * What a campaign opened now would hold under the policies in force and under the
 * candidate. Both runs use the detection query and the policy-to-settings reading that a
 * real campaign uses, in one read-only snapshot, so the two differ only by the policy.
 */
@Injectable()
export class AccessReviewImpactService {
  constructor(@Inject(ACCESS_REVIEW_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async impact(request: ImpactRequest, auth: AuthContext): Promise<ImpactReport> {
    const documents = impactDocumentSets(request);
    const now = new Date(request.now);

    const items = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // A dry-run must change nothing: PostgreSQL refuses any write from here on.
      await manager.query('SET TRANSACTION READ ONLY');
      const stored = await loadReviewSettings(manager, auth.companyId);

      return reviewImpactItems(
        await this.outcome(manager, auth.companyId, stored, documents.current, now),
        await this.outcome(manager, auth.companyId, stored, documents.candidate, now),
      );
    });

    return { service: ACCESS_REVIEW_SERVICE, items };
  }

  private async outcome(
    manager: EntityManager,
    companyId: string,
    stored: ReviewSettings,
    documents: readonly string[],
    now: Date,
  ): Promise<ReviewOutcome> {
    // What the policy-applied handler would store: the policies' part over the rest.
    const settings = { ...stored, ...reviewSettingsFromPolicies(documents) };

    return { settings, items: await detectStaleAccess(manager, companyId, settings, now) };
  }
}
