import { ErrorCode } from './error-code';

/** Where and what went wrong in a request, for the client to fix its input. */
export interface ErrorDetail {
  path?: string;
  message: string;
  line?: number;
  column?: number;
  expected?: string;
  found?: string;
}

/** The serialisable form of a failure as it travels over the bus. */
export interface ServiceErrorBody {
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

/**
 * A failure a handler reports on purpose. Its message is written for the client and must
 * never hold secrets, keys or personal data; anything else thrown is an internal error
 * whose detail stays in the log.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  static notFound(resource: string): ServiceError {
    return new ServiceError('not_found', `${resource} not found`);
  }

  static badRequest(message: string, details: ErrorDetail[] = []): ServiceError {
    return new ServiceError('bad_request', message, details);
  }

  static notImplemented(capability: string): ServiceError {
    return new ServiceError('not_implemented', `${capability} is not available yet`);
  }

  toBody(): ServiceErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ServiceErrorBody): ServiceError {
    return new ServiceError(body.code, body.message, body.details ?? []);
  }
}
