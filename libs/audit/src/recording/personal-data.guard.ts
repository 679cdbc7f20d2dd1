import { AuditEntryInput } from './audit-entry-input';

/**
 * Keys that name personal data, compared without case, `_` or `-`. Exact names only: a
 * `policyName` or `fileName` is not about a person, a `name` or `first_name` is.
 */
const PERSONAL_KEYS = new Set([
  'address',
  'email',
  'emailaddress',
  'firstname',
  'fullname',
  'ip',
  'ipaddress',
  'lastname',
  'name',
  'phone',
  'phonenumber',
  'ssn',
]);

/** Anything that reads as an address, also inside a sentence; `pkg@1.2.3` does not. */
const EMAIL_ADDRESS = /[\w.%+-]+@[a-z\d-]+(\.[a-z\d-]+)*\.[a-z]{2,}/i;

/**
 * Refuses an entry that would carry personal data in clear. A caller that trips it has a
 * bug, so it throws a plain Error. The message names where, never the value, because it
 * may end up in a log.
 */
export function assertNoPersonalData(input: AuditEntryInput): void {
  const identifiers: [string, string | null | undefined][] = [
    ['actor.id', input.actor.id],
    ['resourceId', input.resourceId],
    ['requestId', input.requestId],
  ];

  for (const [path, value] of identifiers) {
    if (value && EMAIL_ADDRESS.test(value)) {
      throw personalDataError(`${path} looks like an e-mail address`);
    }
  }

  inspect(input.details ?? {}, 'details');
}

function inspect(value: unknown, path: string): void {
  if (typeof value === 'string' && EMAIL_ADDRESS.test(value)) {
    throw personalDataError(`${path} looks like an e-mail address`);
  }

  if (Array.isArray(value)) {
    value.forEach((item, index) => inspect(item, `${path}[${index}]`));
    return;
  }

  if (value === null || typeof value !== 'object') {
    return;
  }

  for (const [key, member] of Object.entries(value)) {
    if (PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''))) {
      throw personalDataError(`${path} has a key "${key}" that names personal data`);
    }

    if (EMAIL_ADDRESS.test(key)) {
      throw personalDataError(`${path} has a key that looks like an e-mail address`);
    }

    inspect(member, `${path}.${key}`);
  }
}

function personalDataError(problem: string): Error {
  return new Error(
    `audit entries must not hold personal data in clear: ${problem}; ` +
      'refer to the data subject by id or blind index',
  );
}
