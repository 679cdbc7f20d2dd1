import { AuthContext } from '@compliance/contracts';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import { AuthenticatedRequest } from './authenticated-request';

/**
 * The caller's AuthContext. Asking for it on a public route is a programming mistake, so
 * it fails loudly instead of handing the handler an undefined identity.
 */
export function authOf(context: ExecutionContext): AuthContext {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

  if (!request.auth) {
    throw new Error('@CurrentAuth() is used on a route that does not authenticate');
  }

  return request.auth;
}

export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  authOf(context),
);
