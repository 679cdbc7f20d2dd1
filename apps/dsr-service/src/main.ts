import { dsrService } from '@compliance/dsr';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(dsrService).catch((error: unknown) => {
  createLogger('dsr-service').fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
