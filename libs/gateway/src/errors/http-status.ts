import { ErrorCode } from '@compliance/contracts';
import { HttpStatus } from '@nestjs/common';

/**
 * The one place where a service's error code becomes an HTTP status. The switch is
 * exhaustive: a new code does not compile until it is mapped here.
 */
export function httpStatusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case 'bad_request':
    case 'contract_violation':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'payload_too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'not_implemented':
      return HttpStatus.NOT_IMPLEMENTED;
    case 'service_unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'service_timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertNever(code);
  }
}

function assertNever(code: never): never {
  throw new Error(`unmapped error code: ${String(code)}`);
}
