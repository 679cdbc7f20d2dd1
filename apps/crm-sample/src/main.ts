import { crmSampleService } from '@compliance/crm-sample';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(crmSampleService).catch((error: unknown) => {
  createLogger('crm-sample').fatal({ err: error }, 'module failed to start');
  process.exit(1);
});
