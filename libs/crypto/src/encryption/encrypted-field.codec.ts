import { BlindIndexKind, BlindIndexOptions, computeBlindIndex } from '../blind-index/blind-index';
import { KeyVersionRef, parseCiphertext } from '../envelope/ciphertext-format';
import { assertBinding, FieldBinding } from '../envelope/field-binding';
import { openField, sealField } from '../envelope/field-cipher';
import { DataKeyRing } from '../keyring/data-key-ring';
import { KeyScope } from '../keyring/key-set';

export interface PrepareOptions {
  subjectId?: string | null;
  /** How many values the caller will encrypt before preparing again. */
  encryptions?: number;
  /** Also load the company's blind-index key. */
  blindIndex?: boolean;
}

/**
 * Synchronous encryption for places that cannot await, such as a loop over a page of rows:
 * `prepare` loads the keys, then `encrypt`, `decrypt` and `blindIndex` use them without a
 * round trip. A key that is not loaded (or whose cache lifetime ran out) fails with
 * `key_not_ready`; prepare again and retry.
 */
export class EncryptedFieldCodec {
  constructor(
    private readonly ring: DataKeyRing,
    private readonly index: BlindIndexOptions,
  ) {}

  async prepare(companyId: string, options: PrepareOptions = {}): Promise<void> {
    const subjectId = options.subjectId ?? null;

    if ((options.encryptions ?? 1) > 0) {
      await this.ring.prepareEncryption(dataScope(companyId, subjectId), options.encryptions);
    }

    if (options.blindIndex) {
      await this.ring.prepareIndexKey(companyId);
    }
  }

  /** Loads the keys that sealed `ciphertexts`; fails on the first that may not be read. */
  async prepareToDecrypt(
    ciphertexts: Iterable<string | null | undefined>,
    companyId: string,
  ): Promise<void> {
    const refs = new Map<string, KeyVersionRef>();

    for (const ciphertext of ciphertexts) {
      if (typeof ciphertext === 'string') {
        const { keyId, version } = parseCiphertext(ciphertext);
        refs.set(`${keyId}:${version}`, { keyId, version });
      }
    }

    for (const ref of refs.values()) {
      await this.ring.prepareDecryption(ref, companyId);
    }
  }

  encrypt(plaintext: string, binding: FieldBinding): string {
    assertBinding(binding);
    const { key, ref } = this.ring.takeForEncryption(
      dataScope(binding.companyId, binding.subjectId ?? null),
    );

    return sealField(key, ref, binding, plaintext);
  }

  decrypt(ciphertext: string, binding: FieldBinding): string {
    assertBinding(binding);
    const parsed = parseCiphertext(ciphertext);
    const key = this.ring.takeForDecryption(parsed, binding.companyId);

    return openField(key, parsed, binding);
  }

  blindIndex(kind: BlindIndexKind, value: string, companyId: string): string {
    return computeBlindIndex(this.ring.takeIndexKey(companyId), kind, value, this.index);
  }
}

export function dataScope(companyId: string, subjectId: string | null): KeyScope {
  return { companyId, subjectId, purpose: 'data' };
}
