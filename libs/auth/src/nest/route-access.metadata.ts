import { Scope } from '@compliance/contracts';
import { Reflector } from '@nestjs/core';

/** Metadata keys; the gateway's tests read them to prove every route declares its access. */
export const PUBLIC_ROUTE = 'auth:public-route';
export const REQUIRED_SCOPES = 'auth:required-scopes';

export type RouteAccess =
  { kind: 'public' } | { kind: 'scoped'; scopes: Scope[] } | { kind: 'undeclared' };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type DecoratedTarget = Function;

/**
 * A method's own declaration wins over its controller's. Where one target carries both,
 * the scopes win: a contradiction should never open a route.
 */
export function routeAccess(
  reflector: Reflector,
  handler: DecoratedTarget,
  controller: DecoratedTarget,
): RouteAccess {
  for (const target of [handler, controller]) {
    const scopes = reflector.get<Scope[] | undefined>(REQUIRED_SCOPES, target);

    if (scopes) {
      return { kind: 'scoped', scopes };
    }

    if (reflector.get<boolean | undefined>(PUBLIC_ROUTE, target) === true) {
      return { kind: 'public' };
    }
  }

  return { kind: 'undeclared' };
}
