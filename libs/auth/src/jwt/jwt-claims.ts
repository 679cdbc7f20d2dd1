import { isScope, Scope } from '@compliance/contracts';
import { z } from 'zod';

import { CredentialRejectedError } from '../errors/credential-rejected.error';

/** Who a verified token speaks for. */
export interface JwtIdentity {
  actorId: string;
  companyId: string;
  scopes: Scope[];
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(256),
  company_id: z.uuid(),
  scope: z.string().optional(),
  scopes: z.array(z.string()).optional(),
});

/**
 * Reads the identity from a token whose signature is already verified. Scopes come as an
 * OAuth-style space-separated `scope` or as a `scopes` array; ones this platform does not
 * know grant nothing, so an identity provider may carry scopes meant for other systems.
 */
export function identityFromClaims(payload: unknown): JwtIdentity {
  const parsed = claimsSchema.safeParse(payload);

  if (!parsed.success) {
    throw new CredentialRejectedError('claims');
  }

  const claims = parsed.data;
  const named = [...(claims.scope?.split(/\s+/) ?? []), ...(claims.scopes ?? [])];
  const scopes = [...new Set(named.filter(isScope))];

  return { actorId: claims.sub, companyId: claims.company_id, scopes };
}
