import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** `manager.query` answers an UPDATE ... RETURNING with `[rows, count]`. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }

  return result as T[];
}

export function isUniqueViolation(error: unknown): boolean {
  const driverError: unknown = error instanceof QueryFailedError ? error.driverError : undefined;
  return (driverError as { code?: unknown } | undefined)?.code === UNIQUE_VIOLATION;
}
