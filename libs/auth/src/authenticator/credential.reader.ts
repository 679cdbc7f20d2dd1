import { looksLikeApiKey } from '../api-keys/api-key-format';
import { CredentialRejectedError } from '../errors/credential-rejected.error';

/** The request headers that may carry a credential, already lower-cased by the caller. */
export interface CredentialHeaders {
  authorization?: string;
  apiKey?: string;
}

export type Credential = { kind: 'api_key'; value: string } | { kind: 'jwt'; value: string };

/** Far above any real key or token; stops oversized input before it is hashed or parsed. */
const MAX_CREDENTIAL_LENGTH = 8192;

const BEARER_PATTERN = /^Bearer[ \t]+(\S+)$/i;

/**
 * Finds the one credential a request carries. Two at once are refused rather than ranked,
 * so a proxy that adds its own header can never silently decide who the caller is.
 */
export function readCredential(headers: CredentialHeaders): Credential {
  const authorization = headers.authorization?.trim() || undefined;
  const apiKey = headers.apiKey?.trim() || undefined;

  if (!authorization && !apiKey) {
    throw new CredentialRejectedError('missing');
  }

  if (authorization && apiKey) {
    throw new CredentialRejectedError('ambiguous');
  }

  if (apiKey) {
    return { kind: 'api_key', value: withinLimit(apiKey) };
  }

  const token = BEARER_PATTERN.exec(authorization ?? '')?.[1];

  if (!token) {
    throw new CredentialRejectedError('malformed');
  }

  return { kind: looksLikeApiKey(token) ? 'api_key' : 'jwt', value: withinLimit(token) };
}

function withinLimit(value: string): string {
  if (value.length > MAX_CREDENTIAL_LENGTH) {
    throw new CredentialRejectedError('malformed');
  }

  return value;
}
