/**
 * Field names whose values never reach a log line, at any depth pino can address.
 * Secrets and credentials first, then the personal data fields the CRM sends us.
 */
const SENSITIVE_KEYS = [
  'password',
  'secret',
  'value',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'key',
  'authorization',
  'cookie',
  'x-api-key',
  'masterKey',
  'plaintext',
  'document',
  'email',
  'phone',
  'ssn',
  'name',
  'firstName',
  'lastName',
  'address',
  'ip',
  'ipAddress',
];

export const REDACTED = '[redacted]';

export function redactionPaths(): string[] {
  const paths: string[] = [];

  for (const key of SENSITIVE_KEYS) {
    const accessor = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
    paths.push(accessor.slice(accessor.startsWith('.') ? 1 : 0));
    paths.push(`*${accessor}`);
    paths.push(`*.*${accessor}`);
  }

  return paths;
}
