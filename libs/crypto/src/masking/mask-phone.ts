import { digitsOf, masked } from './maskable';

const HIDDEN = '****';

/** Shorter numbers would show too large a share of their digits. */
const SHOWN_FROM = 8;

/** `1234567890` becomes `****7890`: the last four digits of a number of eight or more. */
export function maskPhone(value: unknown): string {
  return masked(value, HIDDEN, (text) => {
    const digits = digitsOf(text);

    return digits.length >= SHOWN_FROM ? `${HIDDEN}${digits.slice(-4)}` : HIDDEN;
  });
}
