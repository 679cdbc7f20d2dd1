import { vaultService } from '@compliance/vault';
import { createLogger } from '@compliance/logging';
import { runService } from '@compliance/platform';

void runService(vaultService).catch((error: unknown) => {
  createLogger('vault-service').fatal({ err: error }, 'service failed to start');
  process.exit(1);
});
