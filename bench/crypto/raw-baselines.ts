import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM seal and open of one value with node:crypto alone: the floor to compare to.
 * Like a field, each seal draws a fresh 96-bit nonce and binds `aad`; unlike one, nothing is
 * spelled as text or parsed back.
 */
export function rawRoundTrip(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();

  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}

/** HMAC-SHA256 of `prefix` and the trimmed, lowercased value, as hex. */
export function rawHmac(key: Buffer, prefix: string, value: string): string {
  return createHmac('sha256', key)
    .update(prefix + value.trim().toLowerCase())
    .digest('hex');
}
