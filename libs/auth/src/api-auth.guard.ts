import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { SessionService } from '@turbota/people';
import type { ApiRole } from '@turbota/persistence';
import { ApiKeyService } from './api-key.service';
import type { Principal } from './principal';
import { ROLES } from './roles.decorator';
import { cookieValue, isSameOrigin, SESSION_COOKIE } from './session-cookie';

/** A request that passed the guard carries who made it. */
export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller of `/api/v1/*`: `Authorization: Bearer <key>` (a machine), or else the
 * session cookie (a person in the console). 401 when the credential is missing, unknown,
 * revoked or expired, or its person deactivated; 403 when a browser's unsafe request comes
 * from another origin, or the caller's role is not among the handler's (admin may do
 * everything; a handler without roles is admin-only, so a forgotten annotation fails closed).
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly sessions: SessionService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const principal = await this.principalOf(request, http.getResponse<Response>());
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES, [context.getHandler(), context.getClass()]) ?? ['admin'];
    if (principal.role === 'admin' || allowed.includes(principal.role)) return true;
    const whose = principal.kind === 'apiKey' ? 'this API key has' : 'your account has';
    throw new ForbiddenException(`This endpoint needs the role ${allowed.join(' or ')}; ${whose} the role ${principal.role}`);
  }

  private async principalOf(request: Request, response: Response): Promise<Principal> {
    if (request.headers.authorization !== undefined) {
      const principal = await this.keys.authenticate(bearerKey(request.headers.authorization, response));
      if (!principal) throw unauthorized(response, 'Invalid API key: it is unknown or has been revoked');
      return principal;
    }
    const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (token === undefined) throw unauthorized(response, 'Missing API key: send the header Authorization: Bearer <key>, or sign in to the console');
    // The cookie rides along with any request the browser makes, wherever the page that made it came from.
    if (UNSAFE_METHODS.has(request.method) && !isSameOrigin(request, this.config.publicUrl)) throw new ForbiddenException('Cross-origin request refused');
    const person = await this.sessions.resolve(token);
    if (!person) throw unauthorized(response, 'Your session has ended: sign in again');
    const { personId, sessionId, email, displayName, role, locale } = person;
    return { kind: 'person', keyId: personId, personId, sessionId, email, name: displayName, role, locale };
  }
}

function bearerKey(header: string, response: Response): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized(response, 'Malformed Authorization header: expected Bearer <key>');
  return match[1];
}

function unauthorized(response: Response, message: string): UnauthorizedException {
  response.setHeader('WWW-Authenticate', 'Bearer realm="turbota"');
  return new UnauthorizedException(message);
}
