import { isSingleMailAddress } from './single-mail-address';

describe('isSingleMailAddress', () => {
  it('should accept one bare address', () => {
    expect(isSingleMailAddress('ada.lovelace+dsr@example.co.uk')).toBe(true);
  });

  it('should refuse what would reach other recipients or add headers', () => {
    for (const value of [
      'a@example.com, b@example.com',
      'a@example.com;b@example.com',
      'a@example.com\r\nBcc: b@example.com',
      'a@example.com\nb@example.com',
      'Ada <a@example.com>',
      'undisclosed: a@example.com;',
      'not an address',
    ]) {
      expect(isSingleMailAddress(value)).toBe(false);
    }
  });
});
