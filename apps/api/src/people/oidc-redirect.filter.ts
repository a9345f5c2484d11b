import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OidcSignInError, SignInThrottledError } from '@turbota/people';

/** The console's sign-in page, which explains `?error=<failure>` in the person's language. */
export const CONSOLE_LOGIN = '/console/login';

/**
 * A single sign-on that ends without a session leads the browser back to the sign-in page with
 * the reason (`throttled` when the client address has used up its failures), never to JSON.
 */
@Catch(OidcSignInError, SignInThrottledError)
export class OidcRedirectFilter implements ExceptionFilter {
  catch(error: OidcSignInError | SignInThrottledError, host: ArgumentsHost): void {
    const failure = error instanceof OidcSignInError ? error.failure : 'throttled';
    host.switchToHttp().getResponse<Response>().redirect(302, `${CONSOLE_LOGIN}?error=${failure}`);
  }
}
