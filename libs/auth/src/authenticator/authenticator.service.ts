import { AuthContext, ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';

import { ApiKeyVerification } from '../api-keys/api-key.types';
import { CredentialRejectedError } from '../errors/credential-rejected.error';
import { JwtVerifier } from '../jwt/jwt.verifier';
import { Credential, CredentialHeaders, readCredential } from './credential.reader';

/** The same words for every refusal, so a caller cannot probe which part was wrong. */
export const UNAUTHENTICATED_MESSAGE = 'a valid credential is required';

type Identity = Pick<AuthContext, 'actor' | 'companyId' | 'scopes'>;

/** Turns the credential of a request into the AuthContext every service trusts. */
export class Authenticator {
  private readonly log = createLogger(Authenticator.name);

  constructor(
    private readonly apiKeys: ApiKeyVerification,
    private readonly jwtVerifier?: JwtVerifier,
  ) {}

  /** Throws ServiceError('unauthenticated') for any credential that proves nothing. */
  async authenticate(headers: CredentialHeaders, requestId: string): Promise<AuthContext> {
    try {
      const credential = readCredential(headers);
      const identity = await this.identify(credential);

      return { requestId, ...identity };
    } catch (error) {
      if (!(error instanceof CredentialRejectedError)) {
        throw error;
      }

      this.log.warn({ reason: error.reason, requestId }, 'credential rejected');
      throw new ServiceError('unauthenticated', UNAUTHENTICATED_MESSAGE);
    }
  }

  private async identify(credential: Credential): Promise<Identity> {
    if (credential.kind === 'api_key') {
      const record = await this.apiKeys.verify(credential.value);

      if (!record) {
        throw new CredentialRejectedError('unknown_or_revoked');
      }

      return {
        actor: { type: 'api_key', id: record.id },
        companyId: record.companyId,
        scopes: record.scopes,
      };
    }

    if (!this.jwtVerifier) {
      throw new CredentialRejectedError('not_accepted');
    }

    const identity = await this.jwtVerifier.verify(credential.value);

    return {
      actor: { type: 'user', id: identity.actorId },
      companyId: identity.companyId,
      scopes: identity.scopes,
    };
  }
}
