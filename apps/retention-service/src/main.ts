import { retentionService } from '@compliance/retention';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(retentionService).catch((error: unknown) => {
  createLogger('retention-service').fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
