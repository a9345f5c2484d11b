import { Delete, Get, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { type ApiKeyInput, apiKeyInputSchema, ApiKeyService, ApiV1Controller, CurrentPrincipal, type Principal } from '@turbota/auth';
import { ZodBody, ZodQuery, ZodResponse } from '@turbota/server';
import { UUID_PARAM } from '../common-params';
import { apiKeyListSchema, apiKeySchema, type ApiKeysQuery, apiKeysQuerySchema, createdApiKeySchema } from './api-key.schemas';

@ApiV1Controller('api-keys', 'api keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (admin)' })
  @ZodResponse(createdApiKeySchema, { status: 201, description: 'Created; the key itself is in this answer only' })
  async create(@ZodBody(apiKeyInputSchema) input: ApiKeyInput, @CurrentPrincipal() principal: Principal) {
    const { key, view } = await this.keys.create(input, principal);
    return { ...view, key };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (admin); revoked ones only when asked' })
  @ZodResponse(apiKeyListSchema)
  list(@ZodQuery(apiKeysQuerySchema) query: ApiKeysQuery) {
    return this.keys.list(query);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (admin); it stops working at once' })
  @ZodResponse(apiKeySchema, { description: 'Revoked (or it already was)' })
  @ApiNotFoundResponse({ description: 'No such key' })
  @ApiConflictResponse({ description: 'It is the last active admin key' })
  revoke(@Param('id', UUID_PARAM) id: string, @CurrentPrincipal() principal: Principal) {
    return this.keys.revoke(id, principal);
  }
}
