import { KeyContext, KeyProvider, WrappedKey } from '../providers/key-provider';

/** Passes every call to a real provider and counts them, to show what the cache saves. */
export class CountingKeyProvider implements KeyProvider {
  wraps = 0;
  unwraps = 0;
  rewraps = 0;

  constructor(private readonly inner: KeyProvider) {}

  get id(): string {
    return this.inner.id;
  }

  get currentVersion(): number {
    return this.inner.currentVersion;
  }

  async wrap(dek: Buffer, context: KeyContext): Promise<WrappedKey> {
    this.wraps += 1;
    return this.inner.wrap(dek, context);
  }

  async unwrap(wrapped: WrappedKey, context: KeyContext): Promise<Buffer> {
    this.unwraps += 1;
    return this.inner.unwrap(wrapped, context);
  }

  async rotate(): Promise<number> {
    if (!this.inner.rotate) {
      throw new Error('the inner provider does not rotate');
    }
    return this.inner.rotate();
  }

  async rewrap(wrapped: WrappedKey, context: KeyContext): Promise<WrappedKey> {
    this.rewraps += 1;

    if (this.inner.rewrap) {
      return this.inner.rewrap(wrapped, context);
    }

    return this.inner.wrap(await this.inner.unwrap(wrapped, context), context);
  }
}
