import { AuthContext, hasScope, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AUTHENTICATOR, RequestAuthenticator } from './auth.tokens';
import { AuthenticatedRequest, header, requestIdOf } from './authenticated-request';
import { routeAccess } from './route-access.metadata';

/**
 * The global guard of the HTTP API. A route opens only by declaring `@Public()` or
 * `@RequireScopes()`; one that declares neither is refused, so a forgotten decorator closes
 * a route instead of exposing it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = createLogger(AuthGuard.name);

  constructor(
    @Inject(AUTHENTICATOR) private readonly authenticator: RequestAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Bus handlers in the same application carry a context the gateway already verified,
    // checked against its contract when the message arrives.
    if (context.getType() !== 'http') {
      return true;
    }

    const access = routeAccess(this.reflector, context.getHandler(), context.getClass());

    if (access.kind === 'public') {
      return true;
    }

    if (access.kind === 'undeclared') {
      const handler = `${context.getClass().name}.${context.getHandler().name}`;
      this.log.error({ handler }, 'route declares neither @Public() nor @RequireScopes()');
      throw new ForbiddenException('this route is not available');
    }

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = await this.authenticate(request);
    request.auth = auth;

    const missing = access.scopes.find((scope) => !hasScope(auth.scopes, scope));

    if (missing) {
      throw new ForbiddenException(`the ${missing} scope is required`);
    }

    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<AuthContext> {
    const headers = {
      authorization: header(request, 'authorization'),
      apiKey: header(request, 'x-api-key'),
    };

    try {
      return await this.authenticator.authenticate(headers, requestIdOf(request));
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'unauthenticated') {
        throw new UnauthorizedException(error.message);
      }

      throw error;
    }
  }
}
