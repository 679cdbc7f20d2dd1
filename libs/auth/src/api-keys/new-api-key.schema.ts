import { isScope, issuesToDetails, Scope, ServiceError } from '@compliance/contracts';
import { z } from 'zod';

import { NewApiKey } from './api-key.types';

const newApiKeySchema = z.object({
  companyId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string()).min(1).max(64),
  createdBy: z.string().min(1).max(256),
});

export type ValidNewApiKey = Omit<NewApiKey, 'scopes'> & { scopes: Scope[] };

/** Checks a request for a key; an unknown scope is named so the caller can correct it. */
export function parseNewApiKey(input: NewApiKey): ValidNewApiKey {
  const parsed = newApiKeySchema.safeParse(input);

  if (!parsed.success) {
    throw ServiceError.badRequest('invalid API key request', issuesToDetails(parsed.error.issues));
  }

  const unknown = parsed.data.scopes.findIndex((scope) => !isScope(scope));

  if (unknown >= 0) {
    const scope = parsed.data.scopes[unknown];
    const message = `unknown scope "${scope}"`;
    throw ServiceError.badRequest(message, [{ path: `scopes.${unknown}`, message }]);
  }

  const scopes = [...new Set(parsed.data.scopes.filter(isScope))];

  return { ...parsed.data, scopes };
}
