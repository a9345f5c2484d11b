import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiKeyGuard } from './api-key.guard';

/** A REST controller under `/api/v1/<path>`, every route of it behind an API key. */
export function ApiV1Controller(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`api/v1/${path}`),
    UseGuards(ApiKeyGuard),
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'The API key is missing, malformed, unknown or revoked' }),
    ApiForbiddenResponse({ description: "The API key's role may not call this endpoint" }),
  );
}
