import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_MARKER = 'ck_';

/** 64 random bits: enough that prefixes never collide in practice, short enough to read. */
const PREFIX_BYTES = 8;
const SECRET_BYTES = 32;

/** `ck_`, 16 hex digits of prefix, `_`, then 43 base64url characters of secret. */
const KEY_PATTERN = /^ck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** True when a bearer token is meant as an API key rather than a JWT. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(KEY_MARKER);
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(PREFIX_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const key = `${KEY_MARKER}${prefix}_${secret}`;

  return { key, prefix, hash: hashApiKey(key) };
}

/** The lookup prefix of a well-formed key; undefined for anything else. */
export function apiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares in constant time, so response timing reveals nothing about the stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashApiKey(key), 'hex');

  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
