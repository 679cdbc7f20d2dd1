import { toStorableDetails } from './storable-details';

describe('toStorableDetails', () => {
  it('should turn the details into the plain JSON that jsonb gives back', () => {
    const details = { at: new Date('2024-12-03T10:00:00.000Z'), gone: undefined, n: NaN };

    expect(toStorableDetails(details)).toEqual({ at: '2024-12-03T10:00:00.000Z', n: null });
  });

  it('should keep unicode that jsonb can store', () => {
    const details = { text: 'é 漢字 🎉 עברית' };

    expect(toStorableDetails(details)).toEqual(details);
  });

  it('should refuse NUL characters and unpaired surrogates in values and keys', () => {
    const refused = [{ a: 'x\u0000y' }, { a: ['\uD83D'] }, { 'k\uDC00': 1 }];

    for (const details of refused) {
      expect(() => toStorableDetails(details)).toThrow(/NUL|surrogate/);
    }
  });

  it('should refuse details that are not an object', () => {
    expect(() => toStorableDetails([] as unknown as Record<string, unknown>)).toThrow(/object/);
  });
});
