import { canonicalJson } from '../hashing/canonical-json';

/** PostgreSQL's jsonb refuses NUL and these: surrogates that are not part of a pair. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The details exactly as jsonb will give them back: plain JSON, no dates, no undefined.
 * Hashing this form, rather than what the caller passed, is what lets verification
 * recompute the hash from the stored row.
 */
export function toStorableDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    throw new Error('audit details must be a JSON object');
  }

  const plain = JSON.parse(canonicalJson(details)) as Record<string, unknown>;

  if (holdsUnstorableText(plain)) {
    throw new Error('audit details hold a NUL character or an unpaired surrogate');
  }

  return plain;
}

function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') {
    return isUnstorable(value);
  }

  if (Array.isArray(value)) {
    return value.some(holdsUnstorableText);
  }

  if (value === null || typeof value !== 'object') {
    return false;
  }

  return Object.entries(value).some(
    ([key, member]) => isUnstorable(key) || holdsUnstorableText(member),
  );
}

function isUnstorable(text: string): boolean {
  return text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
}
