import { randomUUID } from 'node:crypto';

import { AppConfig } from '@compliance/config';
import { createServiceApp, openInfrastructure, ServiceDefinition } from '@compliance/platform';
import { INestApplication } from '@nestjs/common';

/** One service as its own app with its own pool and NATS connection; close() ends both. */
export async function startServiceApp(
  definition: ServiceDefinition,
  config: AppConfig,
): Promise<INestApplication> {
  const infrastructure = await openInfrastructure(config, {
    processName: `${definition.name}-${randomUUID().slice(0, 8)}`,
    requireNats: true,
  });
  const app = await createServiceApp(definition, config, infrastructure);
  await app.init();

  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await infrastructure.close();
  };
  return app;
}
