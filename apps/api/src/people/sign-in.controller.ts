import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiForbiddenResponse, ApiGoneResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requestOrigin, setSessionCookie } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import {
  type InvitationAcceptInput,
  invitationAcceptInputSchema,
  type NewPasswordInput,
  newPasswordInputSchema,
  PasswordLinksService,
  type PasswordResetRequestInput,
  passwordResetRequestInputSchema,
  type SetupInput,
  setupInputSchema,
  type SignedIn,
  type SignInInput,
  signInInputSchema,
  SignInService,
} from '@turbota/people';
import { clientAddressOf, ZodBody, ZodResponse } from '@turbota/server';
import { PeopleErrorFilter } from './people-errors.filter';
import { invitationSchema, meSchema, passwordResetSchema, resetRequestedSchema, setupStateSchema } from './people.schemas';

const THROTTLED = 'Too many failures from this client address (or, signing in, for this account): wait the Retry-After seconds';

/**
 * Signing in without a credential yet: the first admin's setup, the password sign-in, and the
 * invitation and reset links. Open to anyone, so every route is throttled per client address.
 */
@ApiTags('sign-in')
@Controller('api/v1/auth')
@UseFilters(PeopleErrorFilter)
@ApiTooManyRequestsResponse({ description: THROTTLED })
export class SignInController {
  constructor(
    private readonly signIn: SignInService,
    private readonly links: PasswordLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('setup')
  @ApiOperation({ summary: 'Whether the first admin is still to be created' })
  @ZodResponse(setupStateSchema)
  async setupState(@Req() req: Request) {
    return { needed: await this.signIn.setupNeeded(clientAddressOf(req)) };
  }

  @Post('setup')
  @ApiOperation({ summary: 'Create the first admin with the setup link\'s token (written to the log and DATA_DIR/setup-url at start-up), and sign in' })
  @ZodResponse(meSchema, { status: 201, description: 'Created and signed in: the session cookie is set' })
  @ApiForbiddenResponse({ description: 'The token is wrong or used, or the first admin exists already' })
  async setup(@ZodBody(setupInputSchema) input: SetupInput, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.signedIn(res, await this.signIn.setup(input, clientAddressOf(req)));
  }

  @Post('login')
  @ApiOperation({ summary: 'Sign in with an e-mail and a password' })
  @ZodResponse(meSchema, { description: 'Signed in: the session cookie is set' })
  @ApiUnauthorizedResponse({ description: 'The e-mail or the password is wrong (one answer for both)' })
  async login(@ZodBody(signInInputSchema) input: SignInInput, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.signedIn(res, await this.signIn.signIn(input, clientAddressOf(req)));
  }

  @Get('invitations/:token')
  @ApiOperation({ summary: 'What an invitation link is for, before it is accepted' })
  @ZodResponse(invitationSchema)
  @ApiNotFoundResponse({ description: 'No invitation has that token' })
  @ApiGoneResponse({ description: 'The invitation was accepted, has expired, or its person was deactivated' })
  invitation(@Param('token') token: string, @Req() req: Request) {
    return this.links.invitation(token, clientAddressOf(req));
  }

  @Post('invitations/:token')
  @ApiOperation({ summary: 'Accept an invitation: choose a password and sign in' })
  @ZodResponse(meSchema, { status: 201, description: 'Accepted and signed in: the session cookie is set' })
  @ApiNotFoundResponse({ description: 'No invitation has that token' })
  @ApiGoneResponse({ description: 'The invitation was accepted, has expired, or its person was deactivated' })
  async acceptInvitation(@Param('token') token: string, @ZodBody(invitationAcceptInputSchema) input: InvitationAcceptInput, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.signedIn(res, await this.links.acceptInvitation(token, input, clientAddressOf(req)));
  }

  @Post('password-reset')
  @ApiOperation({
    summary: 'Ask for a password reset link by e-mail',
    description: 'Answers alike whether or not the e-mail belongs to an account. The link goes out only when SMTP_URL is set; otherwise an admin can help.',
  })
  @ZodResponse(resetRequestedSchema, { status: 202, description: 'Taken' })
  async requestReset(@ZodBody(passwordResetRequestInputSchema) input: PasswordResetRequestInput, @Req() req: Request) {
    await this.links.requestReset(input, clientAddressOf(req), { requestOrigin: requestOrigin(req) });
    return { message: 'If this e-mail belongs to an active account and this server sends e-mail, a link to choose a new password is on its way' };
  }

  @Get('password-reset/:token')
  @ApiOperation({ summary: 'Whose password a reset link sets' })
  @ZodResponse(passwordResetSchema)
  @ApiNotFoundResponse({ description: 'No reset link has that token' })
  @ApiGoneResponse({ description: 'The link was used or has expired' })
  reset(@Param('token') token: string, @Req() req: Request) {
    return this.links.reset(token, clientAddressOf(req));
  }

  @Post('password-reset/:token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with a reset link; every session of the person ends' })
  @ApiNoContentResponse({ description: 'Changed: sign in with the new password' })
  @ApiNotFoundResponse({ description: 'No reset link has that token' })
  @ApiGoneResponse({ description: 'The link was used or has expired' })
  async completeReset(@Param('token') token: string, @ZodBody(newPasswordInputSchema) input: NewPasswordInput, @Req() req: Request): Promise<void> {
    await this.links.completeReset(token, input, clientAddressOf(req));
  }

  private signedIn(res: Response, signedIn: SignedIn) {
    setSessionCookie(res, this.config, signedIn.session.token);
    return signedIn.profile;
  }
}
