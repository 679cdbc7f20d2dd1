import { AppConfig, APP_CONFIG } from '@compliance/config';
import { MESSAGE_BUS, MessageBus } from '@compliance/messaging';
import { DynamicModule, Module } from '@nestjs/common';

import { DEFAULT_POLICY_SETTINGS_TTL_MS, PolicySettingsCache } from './policy-settings.cache';

/**
 * Gives a service the applied policies of its companies. Import it with the service's
 * name; inject `PolicySettingsCache` and call `forCompany(auth.companyId)`.
 */
@Module({})
export class PolicySettingsModule {
  static forService(serviceName: string, ttlMs = DEFAULT_POLICY_SETTINGS_TTL_MS): DynamicModule {
    return {
      module: PolicySettingsModule,
      providers: [
        {
          provide: PolicySettingsCache,
          inject: [MESSAGE_BUS, APP_CONFIG],
          useFactory: async (bus: MessageBus, config: AppConfig) => {
            const cache = new PolicySettingsCache(bus, {
              serviceName,
              requestTimeoutMs: config.nats.requestTimeoutMs,
              ttlMs,
            });
            await cache.start();
            return cache;
          },
        },
      ],
      exports: [PolicySettingsCache],
    };
  }
}
