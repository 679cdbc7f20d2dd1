import { MASK, masked } from './maskable';

/**
 * `Ada Lovelace` becomes `A*** L***`: the first character of each word. A one-character
 * word (an initial) is masked whole, since showing it would show all of it.
 */
export function maskName(value: unknown): string {
  return masked(value, MASK, (text) => {
    const words = text
      .trim()
      .split(/\s+/u)
      .filter((word) => word !== '');

    if (words.length === 0) {
      return MASK;
    }

    return words
      .map((word) => {
        const characters = [...word];
        return characters.length >= 2 ? `${characters[0]}${MASK}` : MASK;
      })
      .join(' ');
  });
}
