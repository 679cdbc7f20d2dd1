import { CryptoError } from '../errors/crypto.error';

const COUNTRY_CODE = /^\+[1-9][0-9]{0,2}$/;
const SEPARATORS = /[\s\-.()/]/g;
const E164_DIGITS = /^[1-9][0-9]{6,14}$/;

/** Trimmed and lowercased: mail systems treat the local part as case-blind in practice. */
export function normaliseEmail(value: string): string {
  const normalised = composed(value).trim().toLowerCase();

  if (normalised === '') {
    throw new CryptoError('invalid_input', 'an empty email address has no blind index');
  }

  return normalised;
}

/**
 * E.164, without a numbering plan. Spaces, dashes, dots, slashes and parentheses are
 * dropped; full-width digits count as digits. `+` or `00` starts an international number;
 * anything else is national: one trunk `0` is dropped and the default country code put in
 * front (for `+1`, an 11-digit number that starts with 1 already carries it). Limits: no
 * extensions, no per-country trunk rules (Italy keeps its 0, for one), no length checks
 * beyond E.164's 7 to 15 digits, so a mistyped number still gets an index.
 */
export function normalisePhone(value: string, defaultCountryCode = '+1'): string {
  if (!COUNTRY_CODE.test(defaultCountryCode)) {
    throw new CryptoError('invalid_input', 'the default country code is not like +1 or +44');
  }

  const compact = value.normalize('NFKC').replace(SEPARATORS, '');
  let digits: string;

  if (compact.startsWith('+')) {
    digits = compact.slice(1);
  } else if (compact.startsWith('00')) {
    digits = compact.slice(2);
  } else {
    digits = nationalToInternational(compact, defaultCountryCode.slice(1));
  }

  if (!E164_DIGITS.test(digits)) {
    throw new CryptoError('invalid_input', 'the value is not a phone number (7 to 15 digits)');
  }

  return `+${digits}`;
}

export function normaliseText(value: string): string {
  return composed(value).trim();
}

/** NFC, which leaves ASCII text as it is, so only other text pays for it. */
function composed(value: string): string {
  for (let index = 0; index < value.length; index += 1) {
    if (value.charCodeAt(index) > 0x7f) {
      return value.normalize('NFC');
    }
  }

  return value;
}

function nationalToInternational(national: string, countryDigits: string): string {
  if (countryDigits === '1' && /^1[0-9]{10}$/.test(national)) {
    return national;
  }

  return `${countryDigits}${national.startsWith('0') ? national.slice(1) : national}`;
}
