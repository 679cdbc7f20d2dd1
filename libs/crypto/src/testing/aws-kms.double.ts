import { randomBytes, randomUUID } from 'node:crypto';

import { openAesGcm, packGcm, sealAesGcm, unpackGcm } from '../envelope/aes-gcm';
import { DoubleAnswer, DoubleRequest, startHttpDouble } from './http-double';

export interface AwsKmsDouble {
  endpoint: string;
  region: string;
  /** The ARN of the one symmetric key it holds. */
  keyArn: string;
  /** Operations called, in order, such as `Encrypt`. */
  calls: string[];
  close: () => Promise<void>;
}

const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

/**
 * AWS KMS's JSON 1.1 protocol (`X-Amz-Target: TrentService.<Operation>`) for Encrypt and
 * Decrypt, with base64 blobs, the encryption context as associated data and KMS's error
 * types. Signatures are not checked; the SDK signs with the dummy credentials it is given.
 */
export async function startAwsKmsDouble(region = 'us-east-1'): Promise<AwsKmsDouble> {
  const keyId = randomUUID();
  const keyArn = `arn:aws:kms:${region}:000000000000:key/${keyId}`;
  const material = randomBytes(32);
  const calls: string[] = [];

  const handle = (request: DoubleRequest): DoubleAnswer => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^TrentService\./, '');
    calls.push(operation);

    const requested = request.body.KeyId;

    if (requested !== undefined && requested !== keyArn && requested !== keyId) {
      return failure('NotFoundException', 'Key does not exist');
    }

    const aad = contextBytes(request.body.EncryptionContext);

    if (operation === 'Encrypt') {
      const plaintext = Buffer.from(String(request.body.Plaintext), 'base64');
      const blob = Buffer.concat([
        Buffer.from(keyId),
        packGcm(sealAesGcm(material, plaintext, aad)),
      ]);

      return answer({ CiphertextBlob: blob.toString('base64'), KeyId: keyArn });
    }

    if (operation === 'Decrypt') {
      const blob = Buffer.from(String(request.body.CiphertextBlob), 'base64');
      const parts = unpackGcm(blob.subarray(keyId.length));

      try {
        if (!parts || blob.subarray(0, keyId.length).toString() !== keyId) {
          throw new Error('not ours');
        }
        const plaintext = openAesGcm(material, parts, aad);
        return answer({ Plaintext: plaintext.toString('base64'), KeyId: keyArn });
      } catch {
        return failure('InvalidCiphertextException', '');
      }
    }

    return failure('UnknownOperationException', '');
  };

  const server = await startHttpDouble(handle);

  return { endpoint: server.url, region, keyArn, calls, close: server.close };
}

/** Sorted pairs: KMS treats the context as a set, so order must not matter. */
function contextBytes(context: unknown): Buffer {
  const pairs = Object.entries((context ?? {}) as Record<string, string>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );

  return Buffer.from(JSON.stringify(pairs));
}

function answer(body: Record<string, unknown>): DoubleAnswer {
  return {
    status: 200,
    headers: JSON_11,
    body: { ...body, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
  };
}

function failure(type: string, message: string): DoubleAnswer {
  return {
    status: 400,
    headers: { ...JSON_11, 'x-amzn-errortype': type },
    body: { __type: type, message },
  };
}
