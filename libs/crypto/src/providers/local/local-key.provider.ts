import { CryptoError } from '../../errors/crypto.error';
import { KeyContext, KeyProvider, WrappedKey } from '../key-provider';
import { deriveLocalKek, rewrapDataKeys, unwrapDataKey, wrapDataKey } from './local-kek';
import { LocalKeyringStore } from './local-keyring.store';

export const LOCAL_PROVIDER_ID = 'local';

/**
 * KEKs derived from a root key this process holds (see `openLocalKeyProvider`). Good for
 * the embedded default and for tests; in production a KMS or Vault keeps the KEK out of
 * the process and logs every use.
 */
export class LocalKeyProvider implements KeyProvider {
  readonly id: string;
  private version: number;
  private readonly keks = new Map<number, Buffer>();

  constructor(
    private readonly root: Buffer,
    private readonly salt: Buffer,
    currentVersion: number,
    private readonly keyring: LocalKeyringStore,
  ) {
    this.id = keyring.providerId;
    this.version = currentVersion;
  }

  get currentVersion(): number {
    return this.version;
  }

  /**
   * Reads the current KEK version first: wrapping is rare (a new data key), and another
   * process may have rotated since this one started.
   */
  async wrap(dek: Buffer, context: KeyContext): Promise<WrappedKey> {
    const kekVersion = await this.refreshVersion();

    return {
      providerId: this.id,
      kekVersion,
      blob: wrapDataKey(dek, this.kek(kekVersion), context),
    };
  }

  async unwrap(wrapped: WrappedKey, context: KeyContext): Promise<Buffer> {
    this.assertOwn(wrapped);

    try {
      return unwrapDataKey(wrapped.blob, this.kek(wrapped.kekVersion), context);
    } catch (failure) {
      throw CryptoError.keyUnavailable('the local KEK does not open this data key', failure);
    }
  }

  async rewrap(wrapped: WrappedKey, context: KeyContext): Promise<WrappedKey> {
    this.assertOwn(wrapped);
    const kekVersion = await this.refreshVersion();

    try {
      const [moved] = rewrapDataKeys(
        [{ blob: wrapped.blob, context }],
        this.kek(wrapped.kekVersion),
        this.kek(kekVersion),
      );
      return { providerId: this.id, kekVersion, blob: moved.blob };
    } catch (failure) {
      throw CryptoError.keyUnavailable('the local KEK does not open this data key', failure);
    }
  }

  /** A new KEK version in the keyring; another process that rotated first wins. */
  async rotate(): Promise<number> {
    this.version = await this.keyring.addKekVersion();
    return this.version;
  }

  private async refreshVersion(): Promise<number> {
    this.version = Math.max(this.version, await this.keyring.currentKekVersion());
    return this.version;
  }

  private kek(version: number): Buffer {
    if (!Number.isInteger(version) || version < 1) {
      throw CryptoError.keyUnavailable('the wrapped key names no valid KEK version');
    }

    let kek = this.keks.get(version);

    if (!kek) {
      kek = deriveLocalKek(this.root, this.salt, version);
      this.keks.set(version, kek);
    }

    return kek;
  }

  private assertOwn(wrapped: WrappedKey): void {
    if (wrapped.providerId !== this.id) {
      throw CryptoError.keyUnavailable(`the key was wrapped by another provider`);
    }
  }
}
