import { randomUUID } from 'node:crypto';

import { runWithRequestId } from '@compliance/logging';
import { NextFunction, Request, Response } from 'express';

/** A caller's id is kept only if it looks like one; anything else could poison the logs. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function requestIdMiddleware(request: Request, response: Response, next: NextFunction) {
  const offered = request.header('x-request-id');
  const requestId = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();

  (request as Request & { id: string }).id = requestId;
  response.setHeader('x-request-id', requestId);

  runWithRequestId(requestId, next);
}
