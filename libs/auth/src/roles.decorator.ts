import { applyDecorators, Controller, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiRole } from '@turbota/persistence';
import { ApiKeyGuard } from './api-key.guard';

export const ROLES = 'turbota:roles';

/** The roles (besides admin, who may do everything) allowed to call a handler or a controller. */
export const Roles = (...roles: ApiRole[]) => SetMetadata(ROLES, roles);

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
