import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';

import { CryptoError } from '../../errors/crypto.error';
import { keyContextPairs } from '../key-context';
import { KeyContext, KeyProvider, WrappedKey } from '../key-provider';

/**
 * Data keys wrapped by a symmetric AWS KMS key, with the key context as KMS's encryption
 * context, so KMS refuses to unwrap a key moved to another key set and logs the context in
 * CloudTrail. KMS rotates the key material itself and keeps every earlier version, so the
 * KEK version here stays 1: a rewrap is only needed when moving to another key.
 */
export class AwsKmsKeyProvider implements KeyProvider {
  readonly id: string;
  readonly currentVersion = 1;

  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {
    this.id = `aws-kms:${keyId}`;
  }

  async wrap(dek: Buffer, context: KeyContext): Promise<WrappedKey> {
    const answer = await this.send('encrypt', () =>
      this.client.send(
        new EncryptCommand({
          KeyId: this.keyId,
          Plaintext: dek,
          EncryptionContext: keyContextPairs(context),
        }),
      ),
    );

    if (!answer.CiphertextBlob) {
      throw CryptoError.keyUnavailable('AWS KMS encrypt answered without a ciphertext');
    }

    return {
      providerId: this.id,
      kekVersion: this.currentVersion,
      blob: Buffer.from(answer.CiphertextBlob),
    };
  }

  async unwrap(wrapped: WrappedKey, context: KeyContext): Promise<Buffer> {
    const answer = await this.send('decrypt', () =>
      this.client.send(
        new DecryptCommand({
          KeyId: this.keyId,
          CiphertextBlob: wrapped.blob,
          EncryptionContext: keyContextPairs(context),
        }),
      ),
    );

    if (!answer.Plaintext) {
      throw CryptoError.keyUnavailable('AWS KMS decrypt answered without a plaintext');
    }

    return Buffer.from(answer.Plaintext);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async send<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (failure) {
      const name = failure instanceof Error ? failure.name : 'error';
      throw CryptoError.keyUnavailable(`AWS KMS ${action} failed (${name})`, failure);
    }
  }
}
