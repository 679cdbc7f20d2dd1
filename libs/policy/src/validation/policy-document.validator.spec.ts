import fc from 'fast-check';

import { validatePolicyDocument } from './policy-document.validator';

const VALID = `apiVersion: compliance.crm/v1
kind: CompliancePolicy
metadata:
  name: eu-baseline
  frameworks: [GDPR]
spec:
  enforcement: hard
  retention: {}
`;

const KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'retention', 'rules', 'entity', 'period'];

/** Text that looks like YAML: keys, indentation, flow collections, anchors and stray marks. */
const yamlish = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 8 }),
      fc.constantFrom(...KEYS, '- ', '&a ', '*a', '? ', '!!binary', '[', '{', '"', "'", '|'),
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(': P3Y', ': [x, y]', ': {a: 1}', ':')),
    ),
    { maxLength: 30 },
  )
  .map((lines) =>
    lines.map(([indent, key, rest]) => `${' '.repeat(indent)}${key}${rest}`).join('\n'),
  );

describe('validatePolicyDocument', () => {
  it('should accept a well-formed policy', () => {
    expect(validatePolicyDocument(VALID)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('should report a syntax error at its line and column, counted from one', () => {
    const result = validatePolicyDocument('apiVersion: compliance.crm/v1\nkind: [Compliance\n');

    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(result.errors[0].message).toMatch(/YAML syntax error/);
  });

  it('should report every structural problem at once, each with its path and position', () => {
    const result = validatePolicyDocument(
      'apiVersion: v0\nkind: Policy\nmetadata:\n  name: Bad Name\n  colour: red\nspec: {}\n',
    );

    expect(result.errors.map((error) => error.path)).toEqual([
      'apiVersion',
      'kind',
      'metadata.name',
      'metadata.colour',
    ]);
    expect(result.errors[3]).toMatchObject({ line: 5, column: 3, found: 'colour' });
  });

  it('should suggest the key a misspelling was meant to be', () => {
    const result = validatePolicyDocument(VALID.replace('frameworks:', 'framworks:'));

    expect(result.errors[0]).toMatchObject({
      path: 'metadata.framworks',
      suggestion: 'frameworks',
    });
  });

  it('should keep warnings apart from errors', () => {
    const result = validatePolicyDocument(VALID.replace('  frameworks: [GDPR]\n', ''));

    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual(['metadata.frameworks']);
  });

  it('should call an empty document invalid rather than crash', () => {
    expect(validatePolicyDocument('').valid).toBe(false);
    expect(validatePolicyDocument('# only a comment\n').valid).toBe(false);
  });

  it('should answer any string with a result and never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => {
        expect(typeof validatePolicyDocument(input).valid).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('should answer YAML-like input, however malformed, with a result and never throw', () => {
    fc.assert(
      fc.property(yamlish, (input) => {
        const result = validatePolicyDocument(input);
        expect(result.errors.every((error) => typeof error.message === 'string')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('should answer any mutation of a valid policy without throwing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: VALID.length }),
        fc.integer({ min: 0, max: 20 }),
        fc.string({ maxLength: 20 }),
        (at, cut, insert) => {
          const input = VALID.slice(0, at) + insert + VALID.slice(at + cut);
          expect(typeof validatePolicyDocument(input).valid).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
