import { describeEndpoint } from '@compliance/persistence';
import { runHttpProcess } from '@compliance/platform';

import { startupBanner } from './banner';
import { createStandaloneApp } from './standalone-app';

runHttpProcess({
  processName: 'compliance-standalone',
  requireNats: false,
  createApp: createStandaloneApp,
  onListening: (config, infrastructure) => {
    // The banner is for a person at a terminal, so it is plain text rather than a log line.
    process.stdout.write(startupBanner(config, describeEndpoint(infrastructure.endpoint)));
  },
});
