import { Controller, Get, Inject, Req, Res, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { cookieValue, requestOrigin, setSessionCookie } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type OidcCallbackQuery, oidcCallbackQuerySchema, OidcSignInService } from '@turbota/people';
import { clientAddressOf, ZodQuery, ZodResponse } from '@turbota/server';
import { clearOidcFlowCookie, OIDC_FLOW_COOKIE, setOidcFlowCookie } from './oidc-flow-cookie';
import { OidcRedirectFilter } from './oidc-redirect.filter';
import { PeopleErrorFilter } from './people-errors.filter';
import { type OidcStartQuery, oidcStartQuerySchema, signInMethodsSchema } from './oidc.schemas';

const REFUSED = 'Or to /console/login?error=<failure>: sso-off, sso-unavailable, sso-failed, email-unverified, no-account, deactivated, setup-needed, throttled';

/**
 * Single sign-on through the OpenID Connect provider (OIDC_ISSUER_URL): the browser leaves for
 * the provider and comes back signed in. Open to anyone, so each route is throttled per client address.
 */
@ApiTags('sign-in')
@Controller('api/v1/auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('methods')
  @UseFilters(PeopleErrorFilter)
  @ApiOperation({ summary: 'How people may sign in: with a password, and with single sign-on when it is configured' })
  @ZodResponse(signInMethodsSchema)
  @ApiTooManyRequestsResponse({ description: 'Too many failures from this client address: wait the Retry-After seconds' })
  methods(@Req() req: Request) {
    return this.oidc.methods(clientAddressOf(req));
  }

  @Get('oidc/start')
  @UseFilters(OidcRedirectFilter)
  @ApiOperation({
    summary: 'Sign in with single sign-on: sends the browser to the provider',
    description:
      "Starts an authorization code flow with PKCE, state and nonce, kept sealed in a 10-minute HttpOnly cookie for the callback together with the console page to end on. Opened by the sign-in page's button, not by scripts.",
  })
  @ApiResponse({ status: 302, description: `To the provider's sign-in page. ${REFUSED}` })
  async start(@ZodQuery(oidcStartQuerySchema) query: OidcStartQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const started = await this.oidc.start(clientAddressOf(req), { requestOrigin: requestOrigin(req), next: query.next });
    setOidcFlowCookie(res, this.config, started.sealedFlow);
    res.redirect(302, started.authorizationUrl);
  }

  @Get('oidc/callback')
  @UseFilters(OidcRedirectFilter)
  @ApiOperation({
    summary: 'Where the provider sends the browser back: signs the person in',
    description:
      'Checks the state against the flow this browser started, exchanges the code with the PKCE verifier, validates the ID token and its nonce, and signs in the invited or active person with the verified e-mail. Register <PUBLIC_URL>/api/v1/auth/oidc/callback at the provider.',
  })
  @ApiResponse({ status: 302, description: `To the console page the sign-in started from (its \`next\`), or else /console/, signed in: the session cookie is set. ${REFUSED}` })
  async callback(@ZodQuery(oidcCallbackQuerySchema) query: OidcCallbackQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    clearOidcFlowCookie(res, this.config);
    const signedIn = await this.oidc.complete(query, { sealedFlow: cookieValue(req.headers.cookie, OIDC_FLOW_COOKIE), clientAddress: clientAddressOf(req) });
    setSessionCookie(res, this.config, signedIn.session.token);
    res.redirect(302, signedIn.landing);
  }
}
