import { AuthConfig } from '@compliance/config';
import { ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';

import { CredentialRejectedError, RejectionReason } from '../errors/credential-rejected.error';
import { Jose, loadJose } from './jose.loader';
import { identityFromClaims, JwtIdentity } from './jwt-claims';

type RemoteKeySet = ReturnType<Jose['createRemoteJWKSet']>;
type VerificationKey =
  { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; keys: RemoteKeySet };

/**
 * Pinned per key type. A shared secret only ever signs HS256; a key set only ever holds
 * asymmetric keys, so an HS256 token "signed" with a public key, or one with `alg: none`,
 * is refused before any key is consulted.
 */
const SECRET_ALGORITHMS = ['HS256'];
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/** A token without an expiry would stay valid for ever once leaked. */
const REQUIRED_CLAIMS = ['sub', 'exp'];

const REASONS: Record<string, RejectionReason> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'claims',
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm',
  ERR_JOSE_NOT_SUPPORTED: 'algorithm',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature',
  ERR_JWKS_NO_MATCHING_KEY: 'signature',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'signature',
};

/** Failures of the identity provider rather than of the token: base JOSEError and these. */
const PROVIDER_FAILURES = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

/** Verifies bearer JWTs with a shared HS256 secret or an identity provider's key set. */
export class JwtVerifier {
  private readonly log = createLogger(JwtVerifier.name);
  private key: VerificationKey | undefined;

  constructor(private readonly config: AuthConfig) {
    if (Boolean(config.jwtSecret) === Boolean(config.jwksUrl)) {
      throw new Error('JwtVerifier needs exactly one of jwtSecret and jwksUrl');
    }
  }

  /** Undefined when the configuration accepts no JWTs at all. */
  static fromConfig(config: AuthConfig): JwtVerifier | undefined {
    return config.jwtSecret || config.jwksUrl ? new JwtVerifier(config) : undefined;
  }

  /** The token's identity; throws CredentialRejectedError when the token proves nothing. */
  async verify(token: string): Promise<JwtIdentity> {
    const jose = await loadJose();
    const key = this.verificationKey(jose);
    const options = {
      issuer: this.config.issuer,
      audience: this.config.audience,
      requiredClaims: REQUIRED_CLAIMS,
    };

    try {
      const { payload } =
        key.kind === 'secret'
          ? await jose.jwtVerify(token, key.secret, { ...options, algorithms: SECRET_ALGORITHMS })
          : await jose.jwtVerify(token, key.keys, { ...options, algorithms: JWKS_ALGORITHMS });

      return identityFromClaims(payload);
    } catch (error) {
      throw this.classify(jose, error);
    }
  }

  private classify(jose: Jose, error: unknown): Error {
    if (error instanceof CredentialRejectedError) {
      return error;
    }

    const fromJose = error instanceof jose.errors.JOSEError;
    const code = fromJose ? error.code : undefined;

    // A network failure reaches us as a plain fetch error, not a JOSEError.
    if (this.config.jwksUrl && (!fromJose || PROVIDER_FAILURES.has(code ?? ''))) {
      this.log.error({ err: error }, 'the identity provider key set could not be fetched');
      return new ServiceError('service_unavailable', 'authentication is unavailable right now');
    }

    if (!fromJose) {
      return error instanceof Error ? error : new Error(String(error));
    }

    return new CredentialRejectedError(REASONS[code ?? ''] ?? 'malformed');
  }

  /** Made once: the remote key set caches the provider's keys between requests. */
  private verificationKey(jose: Jose): VerificationKey {
    this.key ??= this.config.jwtSecret
      ? { kind: 'secret', secret: new TextEncoder().encode(this.config.jwtSecret) }
      : { kind: 'jwks', keys: jose.createRemoteJWKSet(new URL(this.config.jwksUrl ?? '')) };

    return this.key;
  }
}
