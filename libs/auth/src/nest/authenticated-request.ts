import { randomUUID } from 'node:crypto';

import { AuthContext } from '@compliance/contracts';

/** The parts of an HTTP request the guard reads and writes, whatever the HTTP adapter. */
export interface AuthenticatedRequest {
  id?: unknown;
  headers: Record<string, string | string[] | undefined>;
  auth?: AuthContext;
}

/** What a correlation id may look like; it lands in every log line and message. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The adapter's id, else the caller's `X-Request-Id`, else a fresh one when neither fits. */
export function requestIdOf(request: AuthenticatedRequest): string {
  const candidates = [request.id, header(request, 'x-request-id')];
  const usable = candidates
    .map((candidate) => (typeof candidate === 'number' ? String(candidate) : candidate))
    .find((candidate) => typeof candidate === 'string' && REQUEST_ID_PATTERN.test(candidate));

  return typeof usable === 'string' ? usable : randomUUID();
}

/** A repeated header arrives as an array; joined, it fails any credential format. */
export function header(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];

  return Array.isArray(value) ? value.join(',') : value;
}
