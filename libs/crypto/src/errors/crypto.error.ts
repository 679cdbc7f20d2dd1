import { ErrorCode, ServiceError } from '@compliance/contracts';

/**
 * Why a value could not be encrypted or read. Each reason has one fixed message: it names
 * what failed and never the plaintext, a key, a key's existence in another tenant, or
 * which byte of a tampered value was wrong.
 */
export type CryptoFailure =
  | 'malformed_ciphertext'
  | 'authentication_failed'
  | 'key_destroyed'
  | 'key_retired'
  | 'key_unavailable'
  | 'key_not_ready'
  | 'invalid_binding'
  | 'invalid_input';

const CODES: Record<CryptoFailure, ErrorCode> = {
  malformed_ciphertext: 'bad_request',
  authentication_failed: 'forbidden',
  key_destroyed: 'not_found',
  key_retired: 'forbidden',
  key_unavailable: 'internal',
  key_not_ready: 'internal',
  invalid_binding: 'bad_request',
  invalid_input: 'bad_request',
};

export class CryptoError extends ServiceError {
  constructor(
    readonly reason: CryptoFailure,
    message: string,
    cause?: unknown,
  ) {
    super(CODES[reason], message);
    this.name = 'CryptoError';

    if (cause !== undefined) {
      this.cause = cause;
    }
  }

  /** `part` names the piece of the format that is wrong, never its content. */
  static malformed(part: string): CryptoError {
    return new CryptoError('malformed_ciphertext', `the encrypted value is malformed (${part})`);
  }

  /** One answer for a wrong row, column or company and for tampering: they are alike. */
  static authenticationFailed(cause?: unknown): CryptoError {
    return new CryptoError(
      'authentication_failed',
      'the encrypted value does not match its binding: authentication failed',
      cause,
    );
  }

  static keyDestroyed(): CryptoError {
    return new CryptoError(
      'key_destroyed',
      'the key of this value was destroyed; the value can no longer be read',
    );
  }

  static keyRetired(): CryptoError {
    return new CryptoError(
      'key_retired',
      'the key version of this value is retired and no longer decrypts',
    );
  }

  static keyUnavailable(detail: string, cause?: unknown): CryptoError {
    return new CryptoError('key_unavailable', `the data key is unavailable: ${detail}`, cause);
  }

  static notReady(): CryptoError {
    return new CryptoError(
      'key_not_ready',
      'the data key is not loaded; call prepare() before encrypting synchronously',
    );
  }

  static invalidBinding(field: string): CryptoError {
    return new CryptoError('invalid_binding', `the binding needs a non-empty ${field}`);
  }
}
