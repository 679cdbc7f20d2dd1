import { digitsOf, masked } from './maskable';

const HIDDEN = '***-**-****';

/** `123-45-6789` becomes `***-**-6789`; anything but nine digits is masked whole. */
export function maskSsn(value: unknown): string {
  return masked(value, HIDDEN, (text) => {
    const digits = digitsOf(text);

    return digits.length === 9 ? `***-**-${digits.slice(-4)}` : HIDDEN;
  });
}
