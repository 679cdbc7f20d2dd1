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

  it('should report every structural problem at once, each with its path', () => {
    const result = validatePolicyDocument(
      'apiVersion: v0\nkind: Policy\nmetadata:\n  name: Bad Name\n  colour: red\nspec: {}\n',
    );

    expect(result.errors.map((error) => error.path).sort()).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'metadata.name',
    ]);
    expect(result.errors.find((error) => error.path === 'metadata')?.found).toBe('colour');
  });

  it('should call an empty document invalid rather than crash', () => {
    expect(validatePolicyDocument('').valid).toBe(false);
    expect(validatePolicyDocument('# only a comment\n').valid).toBe(false);
  });

  it('should answer any input with a result and never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => {
        const result = validatePolicyDocument(input);
        expect(typeof result.valid).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
