import { accessReviewService } from '@compliance/access-review';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(accessReviewService).catch((error: unknown) => {
  createLogger('access-review-service').fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
