import { AppConfig } from '@compliance/config';
import { CoreModule, openInfrastructure } from '@compliance/platform';
import { PolicySettingsCache, PolicySettingsModule } from '@compliance/policy-settings';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export interface SettingsReader {
  settings: PolicySettingsCache;
  close(): Promise<void>;
}

/**
 * A second service in its own Nest app with its own NATS connection, as a data-owning CRM
 * module would run: it keeps the applied policies through `PolicySettingsModule`.
 */
export async function startSettingsReader(config: AppConfig): Promise<SettingsReader> {
  const infrastructure = await openInfrastructure(config, {
    processName: 'e2e-settings-reader',
    requireNats: true,
  });

  @Module({
    imports: [
      CoreModule.forRoot({ config, bus: infrastructure.bus, endpoint: infrastructure.endpoint }),
      // Ten minutes: only the applied event, not expiry, can refresh it within a test.
      PolicySettingsModule.forService('e2e-settings-reader', 600_000),
    ],
  })
  class SettingsReaderModule {}

  const app = await NestFactory.createApplicationContext(SettingsReaderModule, { logger: false });

  return {
    settings: app.get(PolicySettingsCache),
    close: async () => {
      await app.close();
      await infrastructure.close();
    },
  };
}
