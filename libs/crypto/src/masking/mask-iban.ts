import { masked } from './maskable';

const HIDDEN = '**** **** ****';
const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/**
 * `DE89 3704 0044 0532 0130 00` becomes `DE** **** **** 3000`: the country and the last
 * four characters, in a fixed shape that hides the length. Not an IBAN: masked whole.
 */
export function maskIban(value: unknown): string {
  return masked(value, HIDDEN, (text) => {
    const compact = text.replace(/\s+/g, '').toUpperCase();

    return IBAN.test(compact) ? `${compact.slice(0, 2)}** **** **** ${compact.slice(-4)}` : HIDDEN;
  });
}
