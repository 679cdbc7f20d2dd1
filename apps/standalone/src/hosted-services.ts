import { accessReviewService } from '@compliance/access-review';
import { dsrService } from '@compliance/dsr';
import { ServiceDefinition } from '@compliance/platform';
import { policyService } from '@compliance/policy';
import { retentionService } from '@compliance/retention';
import { vaultService } from '@compliance/vault';

/** Every service the all-in-one process hosts beside the gateway. */
export const HOSTED_SERVICES: ServiceDefinition[] = [
  accessReviewService,
  dsrService,
  policyService,
  retentionService,
  vaultService,
];
