/** Why a credential was refused: for the log and for tests, never for the caller. */
export type RejectionReason =
  | 'missing'
  | 'ambiguous'
  | 'malformed'
  | 'unknown_or_revoked'
  | 'not_accepted'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'claims';

/** A credential that does not prove who is calling. It never holds the credential itself. */
export class CredentialRejectedError extends Error {
  constructor(readonly reason: RejectionReason) {
    super(`credential rejected: ${reason}`);
    this.name = 'CredentialRejectedError';
  }
}
