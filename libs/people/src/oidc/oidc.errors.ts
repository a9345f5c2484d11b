import { PeopleError } from '../people.errors';

/**
 * Why a single sign-on ended without a session, as the console's sign-in page receives it
 * (`/console/login?error=<failure>`) and explains it in the person's language.
 */
export const OIDC_FAILURES = ['sso-off', 'sso-unavailable', 'sso-failed', 'email-unverified', 'no-account', 'deactivated', 'setup-needed'] as const;
export type OidcFailure = (typeof OIDC_FAILURES)[number];

/** A single sign-on refused or impossible; `failure` says which, the message says more for the log. */
export class OidcSignInError extends PeopleError {
  constructor(
    readonly failure: OidcFailure,
    message: string,
  ) {
    super(message);
  }
}
