import { BadRequestException, Body, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiKeyService, ApiV1Controller, CurrentPrincipal, Principal } from '@turbota/auth';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, ListApiKeysQuery } from './api-key.dto';

@ApiV1Controller('api-keys', 'api keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key (admin)' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal): Promise<CreatedApiKeyDto> {
    const { key, view } = await this.keys.create(dto, principal);
    return { ...view, key };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (admin); revoked ones only when asked' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(@Query() query: ListApiKeysQuery): Promise<ApiKeyDto[]> {
    return this.keys.list({ includeRevoked: query.includeRevoked ?? false });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (admin); it stops working at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ description: 'No such key' })
  @ApiConflictResponse({ description: 'It is the last active admin key' })
  revoke(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') })) id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }
}

