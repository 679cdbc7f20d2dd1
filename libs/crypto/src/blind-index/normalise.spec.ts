import { normaliseEmail, normalisePhone, normaliseText } from './normalise';

describe('normaliseEmail', () => {
  it('should trim and lowercase', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM \n')).toBe('ada.lovelace@example.com');
  });

  it('should compose accents, whichever way they were typed', () => {
    expect(normaliseEmail('Zoe\u0301@example.com')).toBe('zo\u00e9@example.com');
    expect(normaliseEmail('zo\u00e9@example.com')).toBe('zo\u00e9@example.com');
  });

  it('should refuse an empty address', () => {
    expect(() => normaliseEmail('   ')).toThrow('an empty email address has no blind index');
  });
});

describe('normalisePhone', () => {
  it('should write every spelling of one national number as the same E.164 number', () => {
    const spellings = [
      '(415) 555-0100',
      '415.555.0100',
      '415 555 0100',
      '1 415 555 0100',
      '+1 415-555-0100',
      '001 415 555 0100',
      '＋１ ４１５ ５５５ ０１００',
    ];

    for (const spelling of spellings) {
      expect(normalisePhone(spelling)).toBe('+14155550100');
    }
  });

  it('should use the default country code and drop the trunk zero', () => {
    expect(normalisePhone('020 7946 0958', '+44')).toBe('+442079460958');
    expect(normalisePhone('+44 (0)20 7946 0958'.replace('(0)', ''), '+1')).toBe('+442079460958');
  });

  it('should refuse letters, extensions and numbers outside 7 to 15 digits', () => {
    for (const value of ['call me', '415-555-0100 ext 12', '+12345', '+1234567890123456', '']) {
      expect(() => normalisePhone(value)).toThrow('not a phone number');
    }
  });

  it('should refuse a default country code that is not one', () => {
    expect(() => normalisePhone('5550100', '44')).toThrow('default country code');
  });
});

describe('normaliseText', () => {
  it('should trim and use one Unicode form for the same characters', () => {
    expect(normaliseText('  Zoe\u0308 ')).toBe('Zoë');
  });
});
