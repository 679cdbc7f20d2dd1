import { policyService } from '@compliance/policy';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(policyService).catch((error: unknown) => {
  createLogger('policy-service').fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
