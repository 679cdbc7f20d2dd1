import { MigrationSet } from '@compliance/persistence';

import { CreateAccessReviewSchema1733300003000 } from './1733300003000-create-access-review-schema';
import { CreateAccessReviewTables1733300003100 } from './1733300003100-create-access-review-tables';
import { SealReviewerEmails1733700003200 } from './1733700003200-seal-reviewer-emails';
import { AddReviewCadence1733900003300 } from './1733900003300-add-review-cadence';
import { CreateReportExports1733900003400 } from './1733900003400-create-report-exports';

export const ACCESS_REVIEW_SCHEMA = 'access_review';

export const accessReviewMigrations: MigrationSet = {
  schema: ACCESS_REVIEW_SCHEMA,
  migrations: [
    CreateAccessReviewSchema1733300003000,
    CreateAccessReviewTables1733300003100,
    SealReviewerEmails1733700003200,
    AddReviewCadence1733900003300,
    CreateReportExports1733900003400,
  ],
};
