export const MASK = '***';

/**
 * Text to mask: strings as they are, numbers as their digits (a phone number stored as a
 * number is still a phone number). Anything else has nothing safe to show.
 */
export function asMaskable(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }

  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') {
    return String(value);
  }

  return undefined;
}

/** ASCII digits only, after folding full-width and other compatibility digits. */
export function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/[^0-9]/g, '');
}

/**
 * Runs a mask and answers `fallback` (fully masked) for input it cannot read or if it
 * throws at all: a masking function that throws would let a caller fall back to clear text.
 */
export function masked(value: unknown, fallback: string, mask: (text: string) => string): string {
  try {
    const text = asMaskable(value);
    return text === undefined ? fallback : mask(text);
  } catch {
    return fallback;
  }
}
