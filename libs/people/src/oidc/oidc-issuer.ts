import { Inject, Injectable, Logger } from '@nestjs/common';
import * as openid from 'openid-client';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '@turbota/config';
import { OidcSignInError } from './oidc.errors';
import type { OidcFlow } from './oidc-flow';

// A person waits on each of the provider's answers: give up on a silent one long before they do.
const TIMEOUT_SECONDS = 10;
const SCOPE = 'openid email profile';

/** Where to send the browser to sign in at the provider, and the checks its answer must pass. */
export interface OidcAuthorization extends Pick<OidcFlow, 'state' | 'nonce' | 'codeVerifier'> {
  authorizationUrl: string;
}

/**
 * The configured OpenID Connect provider, through openid-client. Its metadata is discovered on
 * the first sign-in, not at start-up, so an unreachable provider costs single sign-on alone and
 * is logged; after a failure the next sign-in tries again.
 */
@Injectable()
export class OidcIssuer {
  private readonly logger = new Logger('SingleSignOn');
  private discovered: Promise<openid.Configuration> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The provider's sign-in page for a new flow: a fresh state, nonce and PKCE verifier (S256). */
  async authorize(redirectUri: string): Promise<OidcAuthorization> {
    const configuration = await this.configuration();
    const codeVerifier = openid.randomPKCECodeVerifier();
    const state = openid.randomState();
    const nonce = openid.randomNonce();
    const url = openid.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, state, nonce, codeVerifier };
  }

  /**
   * Checks the provider's answer against the flow (the state; the code exchanged with the PKCE
   * verifier; the ID token's signature, issuer, audience, expiry and nonce) and answers the
   * person's claims: the ID token's, completed from the userinfo endpoint when it has no e-mail.
   */
  async claims(callbackUrl: URL, flow: OidcFlow): Promise<Record<string, unknown>> {
    const configuration = await this.configuration();
    try {
      const tokens = await openid.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new OidcSignInError('sso-failed', 'The provider sent no ID token');
      if (typeof idToken.email === 'string') return idToken;
      return { ...idToken, ...(await openid.fetchUserInfo(configuration, tokens.access_token, idToken.sub)) };
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private configuration(): Promise<openid.Configuration> {
    const settings = this.config.oidc;
    if (!settings) return Promise.reject(new OidcSignInError('sso-off', 'Single sign-on is not configured (OIDC_ISSUER_URL)'));
    this.discovered ??= this.discover(settings);
    return this.discovered;
  }

  private async discover(settings: OidcConfig): Promise<openid.Configuration> {
    const issuer = new URL(settings.issuerUrl);
    try {
      const configuration = await openid.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
        timeout: TIMEOUT_SECONDS,
        // Plain http only where the operator wrote it (a provider inside their own network).
        execute: issuer.protocol === 'http:' ? [openid.allowInsecureRequests] : [],
      });
      this.logger.log(`Single sign-on through ${settings.issuerUrl} is ready`);
      return configuration;
    } catch (error) {
      this.discovered = undefined;
      this.logger.error(
        `Single sign-on is unavailable: the issuer ${settings.issuerUrl} cannot be reached or gives no usable OpenID configuration (${reasonOf(error)}); ` +
          'sign-ins with it fail until it answers, and each one tries again',
      );
      throw new OidcSignInError('sso-unavailable', `The issuer ${settings.issuerUrl} cannot be reached`);
    }
  }

  /** The error a failed exchange becomes: unreachable (try later) or refused (start again). */
  private refusal(error: unknown): OidcSignInError {
    if (error instanceof OidcSignInError) return error;
    const unreachable = error instanceof TypeError || (error instanceof Error && ['TimeoutError', 'AbortError'].includes(error.name));
    if (unreachable) return new OidcSignInError('sso-unavailable', `The provider could not be reached: ${reasonOf(error)}`);
    return new OidcSignInError('sso-failed', `The provider's answer was refused: ${reasonOf(error)}`);
  }
}

/** What went wrong, in words fit for the log: the provider's error code, never a token. */
function reasonOf(error: unknown): string {
  if (error instanceof openid.ResponseBodyError || error instanceof openid.AuthorizationResponseError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
