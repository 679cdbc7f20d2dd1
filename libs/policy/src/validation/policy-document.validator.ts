import { ValidationResult } from '@compliance/contracts';
import { validatePolicy } from '@compliance/policy-engine';

/** Validates a policy document without storing it; the parsed document is not returned. */
export function validatePolicyDocument(source: string, now?: Date): ValidationResult {
  const { valid, errors, warnings } = validatePolicy(source, { now });
  return { valid, errors, warnings };
}
