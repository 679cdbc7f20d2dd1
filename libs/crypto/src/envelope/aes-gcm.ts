import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const AES_KEY_BYTES = 32;
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export interface GcmSealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * AES-256-GCM with a fresh random 96-bit nonce per call. Random nonces stay safe while a
 * key seals fewer than 2^32 values, which the data key's encryption count enforces.
 */
export function sealAesGcm(key: Buffer, plaintext: Buffer, aad: Buffer): GcmSealed {
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });

  cipher.setAAD(aad);
  const ciphertext = joined(cipher.update(plaintext), cipher.final());

  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** Throws when the key, nonce, associated data, ciphertext or tag is not the sealed one. */
export function openAesGcm(key: Buffer, sealed: GcmSealed, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, {
    authTagLength: GCM_TAG_BYTES,
  });

  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);

  return joined(decipher.update(sealed.ciphertext), decipher.final());
}

/** GCM is a stream mode: `final` adds no bytes, so the copy a concat makes is skipped. */
function joined(head: Buffer, tail: Buffer): Buffer {
  return tail.length === 0 ? head : Buffer.concat([head, tail]);
}

/** nonce ‖ ciphertext ‖ tag, the compact form used for wrapped keys. */
export function packGcm(sealed: GcmSealed): Buffer {
  return Buffer.concat([sealed.nonce, sealed.ciphertext, sealed.tag]);
}

export function unpackGcm(packed: Buffer): GcmSealed | undefined {
  if (packed.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) {
    return undefined;
  }

  return {
    nonce: packed.subarray(0, GCM_NONCE_BYTES),
    ciphertext: packed.subarray(GCM_NONCE_BYTES, packed.length - GCM_TAG_BYTES),
    tag: packed.subarray(packed.length - GCM_TAG_BYTES),
  };
}
