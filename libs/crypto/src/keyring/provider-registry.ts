import { CryptoError } from '../errors/crypto.error';
import { KeyProvider } from '../providers/key-provider';

/**
 * The provider that wraps new keys, and earlier ones kept to open keys they wrapped until
 * a rewrap moves those keys over (after a switch from the local provider to KMS, say).
 */
export class ProviderRegistry {
  private readonly byId = new Map<string, KeyProvider>();

  constructor(
    readonly current: KeyProvider,
    previous: readonly KeyProvider[] = [],
  ) {
    for (const provider of [...previous, current]) {
      this.byId.set(provider.id, provider);
    }
  }

  forId(id: string): KeyProvider {
    const provider = this.byId.get(id);

    if (!provider) {
      throw CryptoError.keyUnavailable(`no configured key provider wrapped this key (${id})`);
    }

    return provider;
  }
}
