import { Writable } from 'node:stream';

import { AuthContext, ServiceError } from '@compliance/contracts';
import { configureLogging } from '@compliance/logging';
import { buildAuthContext } from '@compliance/testing';
import { ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AuthGuard } from './auth.guard';
import { RequestAuthenticator } from './auth.tokens';
import { AuthenticatedRequest } from './authenticated-request';
import { authOf } from './current-auth.decorator';
import { Public } from './public.decorator';
import { RequireScopes } from './require-scopes.decorator';

class SampleController {
  @Public()
  health(): void {}

  @RequireScopes('policy:read')
  read(): void {}

  @RequireScopes('policy:write', 'policy:apply')
  apply(): void {}

  @RequireScopes()
  whoami(): void {}

  forgotten(): void {}
}

@Public()
class OpenController {
  open(): void {}

  @RequireScopes('audit:read')
  guarded(): void {}
}

type Handler<C> = { [K in keyof C]: C[K] extends () => void ? K : never }[keyof C];

function httpContext<C>(
  controller: new () => C,
  method: Handler<C>,
  request: AuthenticatedRequest,
  type = 'http',
): ExecutionContext {
  return {
    getType: () => type,
    getClass: () => controller,
    getHandler: () => controller.prototype[method],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function requestWith(headers: AuthenticatedRequest['headers'] = {}): AuthenticatedRequest {
  return { headers: { authorization: 'Bearer ck_anything', ...headers } };
}

describe(AuthGuard.name, () => {
  let context: AuthContext;
  let authenticate: jest.Mock<
    Promise<AuthContext>,
    Parameters<RequestAuthenticator['authenticate']>
  >;
  let guard: AuthGuard;

  beforeEach(() => {
    context = buildAuthContext({ scopes: ['policy:read'] });
    authenticate = jest.fn(async (_headers, requestId) => ({ ...context, requestId }));
    guard = new AuthGuard({ authenticate }, new Reflector());
  });

  afterEach(() => configureLogging('silent'));

  it('should let a @Public() route through without authenticating', async () => {
    await expect(
      guard.canActivate(httpContext(SampleController, 'health', requestWith())),
    ).resolves.toBe(true);

    expect(authenticate).not.toHaveBeenCalled();
  });

  it('should refuse a route that declares no access rule and log its handler', async () => {
    const lines: string[] = [];
    configureLogging(
      'error',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );

    const attempt = guard.canActivate(httpContext(SampleController, 'forgotten', requestWith()));

    await expect(attempt).rejects.toBeInstanceOf(ForbiddenException);
    expect(authenticate).not.toHaveBeenCalled();
    expect(lines.join('')).toContain('SampleController.forgotten');
  });

  it('should authenticate from the headers and attach the context to the request', async () => {
    const request: AuthenticatedRequest = {
      id: 'req-7',
      headers: { authorization: 'Bearer token-a', 'x-api-key': 'key-b' },
    };

    await expect(guard.canActivate(httpContext(SampleController, 'read', request))).resolves.toBe(
      true,
    );

    expect(authenticate).toHaveBeenCalledWith(
      { authorization: 'Bearer token-a', apiKey: 'key-b' },
      'req-7',
    );
    expect(request.auth).toEqual({ ...context, requestId: 'req-7' });
  });

  it('should take the request id from X-Request-Id when the adapter set none', async () => {
    const request = requestWith({ 'x-request-id': 'from-proxy-1' });

    await guard.canActivate(httpContext(SampleController, 'read', request));

    expect(request.auth?.requestId).toBe('from-proxy-1');
  });

  it('should make up a request id when the one sent is unusable', async () => {
    const request = requestWith({ 'x-request-id': 'x'.repeat(500) });

    await guard.canActivate(httpContext(SampleController, 'read', request));

    expect(request.auth?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer 401 when the credential is refused', async () => {
    authenticate.mockRejectedValue(
      new ServiceError('unauthenticated', 'a valid credential is required'),
    );

    const attempt = guard.canActivate(httpContext(SampleController, 'read', requestWith()));

    await expect(attempt).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('should let any other failure through unchanged', async () => {
    const unavailable = new ServiceError('service_unavailable', 'authentication is unavailable');
    authenticate.mockRejectedValue(unavailable);

    const attempt = guard.canActivate(httpContext(SampleController, 'read', requestWith()));

    await expect(attempt).rejects.toBe(unavailable);
  });

  it('should answer 403 naming the first missing scope', async () => {
    const attempt = guard.canActivate(httpContext(SampleController, 'apply', requestWith()));

    await expect(attempt).rejects.toThrow(
      new ForbiddenException('the policy:write scope is required'),
    );
  });

  it('should let admin through every scope', async () => {
    context = buildAuthContext({ scopes: ['admin'] });

    await expect(
      guard.canActivate(httpContext(SampleController, 'apply', requestWith())),
    ).resolves.toBe(true);
  });

  it('should require only authentication for @RequireScopes() with no scopes', async () => {
    context = buildAuthContext({ scopes: [] });

    await expect(
      guard.canActivate(httpContext(SampleController, 'whoami', requestWith())),
    ).resolves.toBe(true);
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it('should let a method rule override a public controller', async () => {
    const open = guard.canActivate(httpContext(OpenController, 'open', requestWith()));
    const guarded = guard.canActivate(httpContext(OpenController, 'guarded', requestWith()));

    await expect(open).resolves.toBe(true);
    await expect(guarded).rejects.toThrow('the audit:read scope is required');
  });

  it('should leave bus handlers to the contract checks of the bus', async () => {
    const rpc = httpContext(SampleController, 'forgotten', requestWith(), 'rpc');

    await expect(guard.canActivate(rpc)).resolves.toBe(true);
  });
});

describe('RequireScopes', () => {
  it('should refuse an unknown scope when the controller is defined', () => {
    expect(() => RequireScopes('policy:delete' as never)).toThrow(/policy:delete/);
  });
});

describe('authOf', () => {
  it('should return the context the guard attached', () => {
    const auth = buildAuthContext();

    expect(authOf(httpContext(SampleController, 'read', { headers: {}, auth }))).toBe(auth);
  });

  it('should fail loudly on a route that did not authenticate', () => {
    expect(() => authOf(httpContext(SampleController, 'health', { headers: {} }))).toThrow(
      /does not authenticate/,
    );
  });
});
