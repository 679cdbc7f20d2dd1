import { randomInt } from 'node:crypto';

/**
 * A random value of `length` characters drawn uniformly from `alphabet` (each character
 * counted once, so a repeated character does not weigh the draw).
 */
export function generateSecretValue(length: number, alphabet: string): string {
  const characters = [...new Set(alphabet)];

  if (characters.length < 2) {
    throw new Error('a generator alphabet needs at least two distinct characters');
  }

  let value = '';

  for (let index = 0; index < length; index += 1) {
    value += characters[randomInt(characters.length)];
  }

  return value;
}
