import { timingSafeEqual } from 'node:crypto';

import { CryptoError } from '../../errors/crypto.error';
import { encodeKeyContext, keyContextDigest } from '../key-context';
import { KeyContext, KeyProvider, WrappedKey } from '../key-provider';
import { VaultTransitClient } from './vault-transit.client';

const DIGEST_BYTES = 32;

/**
 * Data keys wrapped by a Vault transit key. Vault binds a context only for keys created
 * with `derived=true`, so the context's SHA-256 also travels inside the sealed plaintext
 * and is checked on unwrap: a wrapped key moved to another key set is refused either way.
 */
export class VaultTransitKeyProvider implements KeyProvider {
  readonly id: string;

  constructor(
    private readonly client: VaultTransitClient,
    location: { mount: string; keyName: string },
    private version: number,
    private readonly derived: boolean,
  ) {
    this.id = `vault-transit:${location.mount}/${location.keyName}`;
  }

  get currentVersion(): number {
    return this.version;
  }

  async wrap(dek: Buffer, context: KeyContext): Promise<WrappedKey> {
    const sealed = await this.client.encrypt(
      Buffer.concat([keyContextDigest(context), dek]),
      this.vaultContext(context),
    );
    this.version = Math.max(this.version, sealed.keyVersion);

    return toWrapped(this.id, sealed.ciphertext, sealed.keyVersion);
  }

  async unwrap(wrapped: WrappedKey, context: KeyContext): Promise<Buffer> {
    const opened = await this.client.decrypt(
      wrapped.blob.toString('utf8'),
      this.vaultContext(context),
    );
    const digest = opened.subarray(0, DIGEST_BYTES);

    if (opened.length <= DIGEST_BYTES || !timingSafeEqual(digest, keyContextDigest(context))) {
      throw CryptoError.keyUnavailable('the wrapped key belongs to another key set');
    }

    return opened.subarray(DIGEST_BYTES);
  }

  async rewrap(wrapped: WrappedKey, context: KeyContext): Promise<WrappedKey> {
    const sealed = await this.client.rewrap(
      wrapped.blob.toString('utf8'),
      this.vaultContext(context),
    );

    return toWrapped(this.id, sealed.ciphertext, sealed.keyVersion);
  }

  async rotate(): Promise<number> {
    await this.client.rotate();
    this.version = await this.client.latestVersion();

    return this.version;
  }

  private vaultContext(context: KeyContext): Buffer | undefined {
    return this.derived ? encodeKeyContext(context) : undefined;
  }
}

function toWrapped(providerId: string, ciphertext: string, kekVersion: number): WrappedKey {
  return { providerId, kekVersion, blob: Buffer.from(ciphertext, 'utf8') };
}
