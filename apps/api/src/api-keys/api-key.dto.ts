import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { API_ROLES, ApiKeySource, ApiRole } from '@turbota/persistence';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, e.g. "CRM integration"', example: 'CRM integration' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: API_ROLES, description: 'admin: everything; supervisor: incidents; viewer: read reports; integration: report contacts' })
  @IsIn(API_ROLES, { message: `role must be one of ${API_ROLES.join(', ')}` })
  role: ApiRole;
}

export class ListApiKeysQuery {
  @ApiPropertyOptional({ description: 'Include revoked keys', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeRevoked must be true or false' })
  includeRevoked?: boolean;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_ROLES }) role: ApiRole;
  @ApiProperty({
    nullable: true,
    description: 'A keyed fingerprint to tell keys apart (no part of the key); null for a key created before fingerprints until its next use',
    example: 'fp:3f9a0c12',
  })
  fingerprint: string | null;
  @ApiProperty({ enum: ['api', 'env', 'generated'] }) source: ApiKeySource;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. It is shown only in this response; store it now.' })
  key: string;
}
