import { STATUS_CODES } from 'node:http';

import { ErrorDetail } from '@compliance/contracts';

/** The one shape every error response has, whichever layer produced it. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

export function errorBody(statusCode: number, message: string, details: ErrorDetail[] = []) {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    details,
  } satisfies ErrorBody;
}
