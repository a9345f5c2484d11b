import { ConflictException, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiV1Controller, clearSessionCookie, CurrentPrincipal, type Principal, Roles } from '@turbota/auth';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { SessionService } from '@turbota/people';

/** Signing out: of this browser, or everywhere. */
@ApiV1Controller('auth', 'sign-in')
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('logout')
  @HttpCode(204)
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: 'Sign out: ends this session and clears its cookie (with an API key, only the cookie is cleared)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (principal.kind === 'person') await this.sessions.end(principal.sessionId);
    clearSessionCookie(res, this.config);
  }

  @Post('logout-all')
  @HttpCode(204)
  @Roles('viewer', 'supervisor', 'integration')
  @ApiOperation({ summary: "Sign out everywhere: ends every session of the signed-in person" })
  @ApiNoContentResponse({ description: 'Signed out everywhere' })
  @ApiConflictResponse({ description: 'Called with an API key, which has no sessions (revoke the key instead)' })
  async logoutAll(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (principal.kind !== 'person') throw new ConflictException('An API key has no sessions to end: revoke the key to stop it');
    await this.sessions.endAll(principal.personId);
    clearSessionCookie(res, this.config);
  }
}
