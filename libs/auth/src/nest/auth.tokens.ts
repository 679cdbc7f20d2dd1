import { Authenticator } from '../authenticator/authenticator.service';

/** Injection token of the Authenticator the AuthGuard asks. */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** What the guard needs of an Authenticator, so tests can hand it a plain object. */
export type RequestAuthenticator = Pick<Authenticator, 'authenticate'>;
