import { ServiceError } from '@compliance/contracts';
import { createLogger } from '@compliance/logging';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { Observable, throwError } from 'rxjs';

import { errorBody, ErrorBody } from './error-body';
import { httpStatusFor } from './http-status';

/**
 * Turns every failure into `{statusCode, error, message, details}`. A deliberate error
 * keeps its status and message; anything else is a 500 with a neutral message, and its
 * detail goes to the log only.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = createLogger(GatewayExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // The all-in-one process shares this filter with the services' bus handlers, whose
    // errors must reach the bus dispatcher unchanged.
    if (host.getType() !== 'http') {
      return throwError(() => exception);
    }

    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);

    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof ServiceError) {
      const status: number = httpStatusFor(exception.code);

      if (status >= 500 && exception.code !== 'not_implemented') {
        this.logger.warn({ code: exception.code }, exception.message);
      }

      return errorBody(status, exception.message, exception.details);
    }

    if (exception instanceof HttpException) {
      return errorBody(exception.getStatus(), messageOf(exception));
    }

    const status = (exception as { status?: unknown; type?: unknown }).status;

    // Body parser failures arrive as plain errors that carry an HTTP status.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return errorBody(status, bodyParserMessage(exception));
    }

    this.logger.error({ err: exception }, 'unhandled error');
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();

  if (typeof response === 'string') {
    return response;
  }

  const message = (response as { message?: unknown }).message;

  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }

  return typeof message === 'string' ? message : exception.message;
}

function bodyParserMessage(exception: unknown): string {
  switch ((exception as { type?: unknown }).type) {
    case 'entity.too.large':
      return 'the request body is too large';
    case 'entity.parse.failed':
      return 'the request body is not valid JSON';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'the request body encoding is not supported';
    default:
      return 'the request body could not be read';
  }
}
