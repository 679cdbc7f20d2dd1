import { digitsOf, masked } from './maskable';

const HIDDEN = '**** **** **** ****';

/**
 * `4111111111111234` becomes `**** **** **** 1234`: the last four digits of a number of
 * 12 to 19 digits (the card lengths), always in four groups so the length stays hidden.
 */
export function maskCard(value: unknown): string {
  return masked(value, HIDDEN, (text) => {
    const digits = digitsOf(text);

    return digits.length >= 12 && digits.length <= 19
      ? `**** **** **** ${digits.slice(-4)}`
      : HIDDEN;
  });
}
