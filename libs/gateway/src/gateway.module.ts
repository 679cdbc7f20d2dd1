import {
  ApiKeyStore,
  AUTHENTICATOR,
  AuthGuard,
  Authenticator,
  JwtVerifier,
} from '@compliance/auth';
import { AppConfig, APP_CONFIG } from '@compliance/config';
import { dataSourceToken, ServiceDatabaseModule } from '@compliance/platform';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';

import { ServiceClient } from './client/service-client';
import { HttpThrottlerGuard } from './http/http-throttler.guard';
import { AccessReviewsController } from './routes/access-reviews.controller';
import { AuditController } from './routes/audit.controller';
import { DataResidencyController } from './routes/data-residency.controller';
import { DsrContactController } from './routes/dsr-contact.controller';
import { DsrRequestsController } from './routes/dsr-requests.controller';
import { PoliciesController } from './routes/policies.controller';
import { PolicyLogsController } from './routes/policy-logs.controller';
import { LegalHoldsController } from './routes/legal-holds.controller';
import { RetentionLogsController } from './routes/retention-logs.controller';
import { RetentionPoliciesController } from './routes/retention-policies.controller';
import { SecretsController } from './routes/secrets.controller';
import { StaleAccessController } from './routes/stale-access.controller';
import { WhoAmIController } from './routes/whoami.controller';

/** The gateway's own schema holds credentials; it publishes no events. */
export const GATEWAY_SCHEMA = 'auth';

@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: 'gateway',
      schema: GATEWAY_SCHEMA,
      entities: [],
      withOutbox: false,
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.http.rateLimitPerMinute }],
      }),
    }),
  ],
  controllers: [
    AccessReviewsController,
    AuditController,
    DataResidencyController,
    DsrContactController,
    DsrRequestsController,
    PoliciesController,
    PolicyLogsController,
    LegalHoldsController,
    RetentionLogsController,
    RetentionPoliciesController,
    SecretsController,
    StaleAccessController,
    WhoAmIController,
  ],
  providers: [
    ServiceClient,
    {
      provide: AUTHENTICATOR,
      inject: [dataSourceToken('gateway'), APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) => {
        const jwt =
          config.auth.jwtSecret || config.auth.jwksUrl ? new JwtVerifier(config.auth) : undefined;
        return new Authenticator(new ApiKeyStore(dataSource), jwt);
      },
    },
    { provide: APP_GUARD, useClass: HttpThrottlerGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class GatewayModule {}
