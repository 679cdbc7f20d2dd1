import fc from 'fast-check';

import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('should sort object keys at every depth and keep array order', () => {
    const value = { b: 1, a: { z: [3, { y: true, x: null }], c: 'text' } };

    expect(canonicalJson(value)).toBe('{"a":{"c":"text","z":[3,{"x":null,"y":true}]},"b":1}');
  });

  it('should give the same text for objects built in a different key order', () => {
    const first = { name: 'a', nested: { one: 1, two: 2 } };
    const second = { nested: { two: 2, one: 1 }, name: 'a' };

    expect(canonicalJson(first)).toBe(canonicalJson(second));
  });

  it('should write numbers, strings and unicode exactly as JSON.stringify does', () => {
    const values = [0.1, -0, 1e21, 5e-324, 1.7976931348623157e308, 'é 漢字 🎉 \u200d "q" \n'];

    for (const value of values) {
      expect(canonicalJson(value)).toBe(JSON.stringify(value));
    }
  });

  it('should drop undefined and functions from objects and write them as null in arrays', () => {
    const value = { kept: 1, gone: undefined, call: () => 1, list: [undefined, () => 1, NaN] };

    expect(canonicalJson(value)).toBe('{"kept":1,"list":[null,null,null]}');
  });

  it('should use toJSON, so a date becomes its ISO string', () => {
    const value = { at: new Date('2024-12-03T10:00:00.123Z') };

    expect(canonicalJson(value)).toBe('{"at":"2024-12-03T10:00:00.123Z"}');
  });

  it('should refuse bigint, circular values and values with no JSON form', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    expect(() => canonicalJson({ big: BigInt(1) })).toThrow(/bigint/);
    expect(() => canonicalJson(circular)).toThrow(/circular/);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });

  it('should allow the same object twice when it is not its own ancestor', () => {
    const shared = { a: 1 };

    expect(canonicalJson({ x: shared, y: [shared] })).toBe('{"x":{"a":1},"y":[{"a":1}]}');
  });

  it('should read back to the same text after a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);

        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});
