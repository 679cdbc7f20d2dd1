import { isScope, Scope } from '@compliance/contracts';
import { SetMetadata } from '@nestjs/common';

import { REQUIRED_SCOPES } from './route-access.metadata';

/**
 * Requires an authenticated caller holding every listed scope (`admin` holds them all).
 * With no scopes it still requires authentication. A misspelt scope stops the start-up.
 */
export function RequireScopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  const unknown = scopes.find((scope) => !isScope(scope));

  if (unknown !== undefined) {
    throw new Error(`@RequireScopes() names an unknown scope: ${String(unknown)}`);
  }

  return SetMetadata(REQUIRED_SCOPES, [...scopes]);
}
