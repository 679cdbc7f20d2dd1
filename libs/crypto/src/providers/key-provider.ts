/** `data` keys seal field values; the `index` key of a company keys its blind indexes. */
export type KeyPurpose = 'data' | 'index';

/** What a data key belongs to. Providers bind the wrapping to it, so rows cannot be swapped. */
export interface KeyContext {
  companyId: string;
  /** The key set's id: the key id every ciphertext names. */
  keyId: string;
  /** The data key's version within its key set. */
  version: number;
  purpose: KeyPurpose;
  subjectId: string | null;
}

/** A data key sealed by a key-encryption key, as stored in the keyring. */
export interface WrappedKey {
  providerId: string;
  kekVersion: number;
  blob: Buffer;
}

/**
 * Holds the key-encryption key (KEK) and never hands it out: data keys go in to be wrapped
 * and come back out unwrapped. `id` names the KEK (provider and key), so a keyring row says
 * which provider can open it.
 */
export interface KeyProvider {
  readonly id: string;
  /** The KEK version new wrappings use. */
  readonly currentVersion: number;
  wrap(dek: Buffer, context: KeyContext): Promise<WrappedKey>;
  unwrap(wrapped: WrappedKey, context: KeyContext): Promise<Buffer>;
  /** Makes a new KEK version current and returns it; absent where the service rotates. */
  rotate?(): Promise<number>;
  /** Moves a wrapping to the current KEK version without the caller seeing the data key. */
  rewrap?(wrapped: WrappedKey, context: KeyContext): Promise<WrappedKey>;
  close?(): Promise<void>;
}
