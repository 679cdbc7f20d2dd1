import { MASK, masked } from './maskable';

/** Below this many characters the first and last would give away too much of the name. */
const SHOWN_FROM = 4;

/**
 * `user@example.com` becomes `u***r@example.com`: the first and last character of the
 * local part, and the domain. A local part under four characters is masked whole; text
 * with no usable domain is masked whole. The mask's length never tells the real length.
 */
export function maskEmail(value: unknown): string {
  return masked(value, MASK, (text) => {
    const trimmed = text.trim();
    const at = trimmed.lastIndexOf('@');
    const domain = trimmed.slice(at + 1);

    if (at < 0 || domain === '' || /\s/.test(domain)) {
      return MASK;
    }

    const local = [...trimmed.slice(0, at)];
    const shown =
      local.length >= SHOWN_FROM ? `${local[0]}${MASK}${local[local.length - 1]}` : MASK;

    return `${shown}@${domain}`;
  });
}
