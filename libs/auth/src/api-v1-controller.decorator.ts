import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiAuthGuard } from './api-auth.guard';

/** A REST controller under `/api/v1/<path>`, every route of it behind an API key or a person's session. */
export function ApiV1Controller(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/v1/${path}`),
    UseGuards(ApiAuthGuard),
    ApiTags(tag),
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'The API key is missing, malformed, unknown or revoked, or the session has ended' }),
    ApiForbiddenResponse({ description: "The caller's role may not call this endpoint, or a signed-in browser's unsafe request came from another origin" }),
  );
}
