import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';

export function buildAuthContext(overrides: Partial<AuthContext> = {}): AuthContext {
  return {
    requestId: randomUUID(),
    companyId: randomUUID(),
    actor: { type: 'api_key', id: randomUUID() },
    scopes: ['admin'],
    ...overrides,
  };
}
