import { routeAccess } from '@compliance/auth';
import { HealthController, MetricsController } from '@compliance/platform';
import { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';

import { AccessReviewsController } from './access-reviews.controller';
import { AuditController } from './audit.controller';
import { DataResidencyController } from './data-residency.controller';
import { DsrContactController } from './dsr-contact.controller';
import { DsrRequestsController } from './dsr-requests.controller';
import { PoliciesController } from './policies.controller';
import { PolicyLogsController } from './policy-logs.controller';
import { LegalHoldsController } from './legal-holds.controller';
import { RetentionLogsController } from './retention-logs.controller';
import { RetentionPoliciesController } from './retention-policies.controller';
import { SecretsController } from './secrets.controller';
import { StaleAccessController } from './stale-access.controller';
import { WhoAmIController } from './whoami.controller';

const GATEWAY_CONTROLLERS: Type<unknown>[] = [
  AccessReviewsController,
  AuditController,
  DataResidencyController,
  DsrContactController,
  DsrRequestsController,
  HealthController,
  MetricsController,
  PoliciesController,
  PolicyLogsController,
  LegalHoldsController,
  RetentionLogsController,
  RetentionPoliciesController,
  SecretsController,
  StaleAccessController,
  WhoAmIController,
];

const PUBLIC_ALLOWED = [
  'HealthController.live',
  'HealthController.ready',
  'MetricsController.metrics',
];

function routeHandlers(
  controller: Type<unknown>,
): { name: string; handler: (...args: unknown[]) => unknown }[] {
  const prototype = controller.prototype as Record<string, unknown>;

  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => ({ name, handler: prototype[name] as (...args: unknown[]) => unknown }))
    .filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== undefined);
}

describe('gateway routes', () => {
  const reflector = new Reflector();
  const routes = GATEWAY_CONTROLLERS.flatMap((controller) =>
    routeHandlers(controller).map((route) => ({ controller, ...route })),
  );

  it('should find the routes it checks', () => {
    // Guards against a check that passes because it looked at nothing.
    expect(routes.length).toBeGreaterThanOrEqual(18);
    expect(
      routes.every(({ handler }) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined),
    ).toBe(true);
  });

  it('should declare scopes on every route but health and metrics', () => {
    const problems = routes
      .map(({ controller, name, handler }) => ({
        route: `${controller.name}.${name}`,
        access: routeAccess(reflector, handler, controller),
      }))
      .filter(({ route, access }) =>
        PUBLIC_ALLOWED.includes(route) ? access.kind !== 'public' : access.kind !== 'scoped',
      );

    expect(problems).toEqual([]);
  });
});
