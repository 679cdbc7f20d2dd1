import { ValidationIssue, ValidationResult } from '@compliance/contracts';
import { load, YAMLException } from 'js-yaml';
import { z } from 'zod';

import { policyEnvelopeSchema } from './policy-envelope.schema';

/**
 * Validates a policy document without storing it. Every problem found is reported at once;
 * a document that is not even YAML reports where the parser stopped.
 */
export function validatePolicyDocument(source: string): ValidationResult {
  let parsed: unknown;

  try {
    parsed = load(source);
  } catch (error) {
    if (error instanceof YAMLException) {
      return invalid([syntaxIssue(error)]);
    }
    throw error;
  }

  if (parsed === undefined || parsed === null) {
    return invalid([issue('(root)', 'the document is empty', 'a CompliancePolicy mapping')]);
  }

  const result = policyEnvelopeSchema.safeParse(parsed);

  if (!result.success) {
    return invalid(result.error.issues.map(schemaIssue));
  }

  return { valid: true, errors: [], warnings: [] };
}

function invalid(errors: ValidationIssue[]): ValidationResult {
  return { valid: false, errors, warnings: [] };
}

function syntaxIssue(error: YAMLException): ValidationIssue {
  const mark = (error as YAMLException & { mark?: { line: number; column: number } }).mark;

  return {
    severity: 'error',
    message: `YAML syntax error: ${error.reason}`,
    path: '(root)',
    // js-yaml counts from zero; editors count from one.
    line: mark ? mark.line + 1 : null,
    column: mark ? mark.column + 1 : null,
  };
}

function schemaIssue(zodIssue: z.core.$ZodIssue): ValidationIssue {
  const path = zodIssue.path.length > 0 ? zodIssue.path.map(String).join('.') : '(root)';

  if (zodIssue.code === 'unrecognized_keys') {
    return issue(
      path,
      `unknown key(s): ${zodIssue.keys.join(', ')}`,
      'only the documented keys',
      zodIssue.keys.join(', '),
    );
  }

  return issue(path, zodIssue.message);
}

function issue(path: string, message: string, expected?: string, found?: string): ValidationIssue {
  return { severity: 'error', message, path, line: null, column: null, expected, found };
}
