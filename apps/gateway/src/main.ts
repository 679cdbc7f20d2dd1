import { createGatewayApp } from '@compliance/gateway';
import { runHttpProcess } from '@compliance/platform';

runHttpProcess({
  processName: 'compliance-gateway',
  requireNats: true,
  createApp: createGatewayApp,
});
