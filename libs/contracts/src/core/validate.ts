import { z } from 'zod';

import { ErrorDetail, ServiceError } from '../errors/service-error';

/** Turns zod's issues into details that name the offending field. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/**
 * Checks a payload against its contract where it enters a service. A payload that fails
 * never reaches a handler; the caller learns which fields were wrong.
 */
export function parseContract<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
): z.infer<S> {
  const result = schema.safeParse(value);

  if (!result.success) {
    throw new ServiceError(
      'contract_violation',
      `payload does not match the contract of ${subject}`,
      issuesToDetails(result.error.issues),
    );
  }

  return result.data;
}
