import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiRole } from '@turbota/persistence';
import { ApiKeyService, Principal } from './api-key.service';
import { ROLES } from './roles.decorator';

/** A request that passed the guard carries who made it. */
export interface AuthenticatedRequest extends Request {
  principal: Principal;
}

/**
 * Resolves `Authorization: Bearer <key>`: 401 when the key is missing, malformed, unknown or
 * revoked; 403 when its role is not among the handler's roles (admin may do everything;
 * a handler without roles is admin-only, so a forgotten annotation fails closed).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeyService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization, http.getResponse<Response>());
    const principal = await this.keys.authenticate(key);
    if (!principal) throw unauthorized(http.getResponse<Response>(), 'Invalid API key: it is unknown or has been revoked');
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]) ?? ['admin'];
    if (principal.role === 'admin' || allowed.includes(principal.role)) return true;
    throw new ForbiddenException(
      `This endpoint needs the role ${allowed.join(' or ')}; this API key has the role ${principal.role}`,
    );
  }
}

function bearerKey(header: string | undefined, response: Response): string {
  if (!header) throw unauthorized(response, 'Missing API key: send the header Authorization: Bearer <key>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized(response, 'Malformed Authorization header: expected Bearer <key>');
  return match[1];
}

function unauthorized(response: Response, message: string): UnauthorizedException {
  response.setHeader('WWW-Authenticate', 'Bearer realm="turbota"');
  return new UnauthorizedException(message);
}
