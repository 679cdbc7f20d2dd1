import { accessReviewService } from '@compliance/access-review';
import { crmSampleService } from '@compliance/crm-sample';
import { dsrService } from '@compliance/dsr';
import { ServiceDefinition } from '@compliance/platform';
import { policyService } from '@compliance/policy';
import { retentionService } from '@compliance/retention';
import { vaultService } from '@compliance/vault';

/** Every service the all-in-one process hosts beside the gateway. */
export const HOSTED_SERVICES: ServiceDefinition[] = [
  accessReviewService,
  dsrService,
  // The sample CRM module, so a fresh `npm start` has records for a request to act on.
  crmSampleService,
  policyService,
  retentionService,
  vaultService,
];
