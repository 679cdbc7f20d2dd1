import fc from 'fast-check';

import { maskCard } from './mask-card';
import { maskEmail } from './mask-email';
import { maskIban } from './mask-iban';
import { maskName } from './mask-name';
import { maskPhone } from './mask-phone';
import { maskSsn } from './mask-ssn';

const MASKS = { maskCard, maskEmail, maskIban, maskName, maskPhone, maskSsn };

/** Text with no mask character in it, so a masked answer always differs from the input. */
const unmasked = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter((text) => !text.includes('*'));
const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 22 });
/** Separators people type between digits. */
const separated = fc
  .array(fc.tuple(digits, fc.constantFrom('', ' ', '-', '.', '(', ')')), { maxLength: 5 })
  .map((parts) => parts.map(([run, separator]) => `${run}${separator}`).join(''));

/** The ASCII digits of the answer, the only characters of a number it may show. */
function shownDigits(masked: string): string {
  return masked.replace(/[^0-9]/g, '');
}

describe('masking', () => {
  it('should mask the documented examples', () => {
    expect(maskEmail('user@example.com')).toBe('u***r@example.com');
    expect(maskPhone('1234567890')).toBe('****7890');
    expect(maskSsn('123-45-6789')).toBe('***-**-6789');
    expect(maskCard('4111111111111234')).toBe('**** **** **** 1234');
    expect(maskName('Ada Lovelace')).toBe('A*** L***');
    expect(maskIban('DE89 3704 0044 0532 0130 00')).toBe('DE** **** **** 3000');
  });

  it('should mask short, empty and malformed input whole', () => {
    expect(maskEmail('ab@example.com')).toBe('***@example.com');
    expect(maskEmail('a@example.com')).toBe('***@example.com');
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('')).toBe('***');
    expect(maskPhone('12345')).toBe('****');
    expect(maskSsn('123-45-678')).toBe('***-**-****');
    expect(maskCard('4111')).toBe('**** **** **** ****');
    expect(maskName('J')).toBe('***');
    expect(maskIban('not an iban')).toBe('**** **** ****');
  });

  it('should mask non-ASCII input by characters, never splitting one', () => {
    expect(maskEmail('Zoë.Ωmega@例え.jp')).toBe('Z***a@例え.jp');
    expect(maskName('Łukasz 山田')).toBe('Ł*** 山***');
    expect(maskEmail('🎉abc🎉@x.io')).toBe('🎉***🎉@x.io');
  });

  it('should never throw and always answer masked text, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const mask of Object.values(MASKS)) {
          const answer = mask(value);

          expect(typeof answer).toBe('string');
          expect(answer).toContain('*');
        }
      }),
    );
  });

  it('should never give back a non-empty input unchanged', () => {
    fc.assert(
      fc.property(unmasked, (text) => {
        for (const mask of Object.values(MASKS)) {
          expect(mask(text)).not.toBe(text);
        }
      }),
    );
  });

  it('should never show an email local part beyond its first and last character', () => {
    const emails = fc
      .oneof(
        fc.emailAddress(),
        fc.tuple(unmasked, unmasked).map(([local, domain]) => `${local}@${domain}`),
      )
      .filter((email) => !email.includes('*'));

    fc.assert(
      fc.property(emails, (email) => {
        const local = [...email.trim().slice(0, email.trim().lastIndexOf('@'))];
        const answer = maskEmail(email);
        const answerLocal = answer.includes('@')
          ? answer.slice(0, answer.lastIndexOf('@'))
          : answer;
        const shown = [...answerLocal].filter((character) => character !== '*');

        if (shown.length > 0) {
          expect(local.length).toBeGreaterThanOrEqual(4);
          expect(shown).toEqual([local[0], local[local.length - 1]]);
          expect(answerLocal).not.toContain(local.slice(1, -1).join(''));
        }
      }),
    );
  });

  it('should show at most the last four digits of a phone, SSN or card number', () => {
    fc.assert(
      fc.property(fc.oneof(separated, unmasked), (text) => {
        const all = text.normalize('NFKC').replace(/[^0-9]/g, '');

        for (const mask of [maskPhone, maskSsn, maskCard]) {
          const shown = shownDigits(mask(text));

          // Only ever the last four: no other digit of the number, in any position.
          expect(shown === '' || shown === all.slice(-4)).toBe(true);
        }
      }),
    );
  });

  it('should show only the first character of each name word', () => {
    fc.assert(
      fc.property(fc.array(unmasked, { maxLength: 5 }), (words) => {
        const name = words.join(' ');
        const answer = maskName(name);

        for (const word of name.trim().split(/\s+/u)) {
          if ([...word].length >= 2) {
            expect(answer).not.toContain(word);
          }
        }
        for (const shown of answer.split(' ')) {
          expect([...shown.replace(/\*/g, '')].length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('should show only the country and the last four characters of an IBAN', () => {
    const iban = fc
      .tuple(
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          minLength: 2,
          maxLength: 2,
        }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 2, maxLength: 2 }),
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
          minLength: 11,
          maxLength: 30,
        }),
      )
      .map((parts) => parts.join(''));

    fc.assert(
      fc.property(iban, (value) => {
        const answer = maskIban(value);

        expect(answer).toBe(`${value.slice(0, 2)}** **** **** ${value.slice(-4)}`);
        expect(answer.replace(/[\s*]/g, '')).toHaveLength(6);
      }),
    );
  });
});
