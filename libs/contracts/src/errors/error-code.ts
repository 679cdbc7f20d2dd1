/**
 * Every failure a service can report over the bus. The gateway maps each code to an
 * HTTP status in one exhaustive switch, so adding a code here fails the build until
 * the gateway knows how to answer it.
 */
export const ERROR_CODES = [
  'bad_request',
  'contract_violation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'not_implemented',
  'service_unavailable',
  'service_timeout',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
