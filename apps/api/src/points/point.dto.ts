import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QR_FORMATS, QR_TARGETS } from '@turbota/points';

/** A point of service as written; `pointInputSchema` checks it. */
export class PointInputDto {
  @ApiProperty({ example: 'kyiv-central', description: '1-64 letters, digits, _ or -; unique; travels in the web chat and messenger links' }) code: string;
  @ApiProperty({ example: 'Kyiv, Khreshchatyk branch' }) name: string;
  @ApiPropertyOptional({ type: String, example: 'Khreshchatyk St, 22', nullable: true }) address?: string | null;
  @ApiPropertyOptional({ type: String, example: 'Europe/Kyiv', nullable: true, description: "IANA time zone; a policy's quiet hours are read in it for the point's contacts" })
  timeZone?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The active survey policy (and so the pool) of walk-in surveys started from the point's QR code or deep links; null: the default policy",
  })
  policyId?: string | null;
  @ApiPropertyOptional({
    type: 'object',
    properties: { uk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } },
    additionalProperties: false,
    nullable: true,
    example: { uk: 'Дякуємо, що завітали до відділення на Хрещатику!', en: 'Thank you for visiting our Khreshchatyk branch!' },
    description: 'What a walk-in hears first here instead of the generic greeting, per language, up to 500 characters each; a language left out gets the generic greeting',
  })
  greeting?: { uk?: string; ru?: string; en?: string } | null;
}

export class PointDto extends PointInputDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** `{id}` of `GET /points/{id}` and its QR code: the point's id or its code. */
export const ID_OR_CODE = { name: 'id', description: "The point's id (a UUID) or its code", example: 'kyiv-central' } as const;

/** `GET /points/{id}/qr` query, for the OpenAPI document; `qrQuerySchema` checks it. */
export const QR_QUERY_DOCS = {
  target: { name: 'target', required: false, enum: QR_TARGETS, description: 'webchat: <PUBLIC_URL or the address asked>/chat?point=<code>; telegram: t.me deep link; viber: viber://pa deep link (default webchat)' },
  format: { name: 'format', required: false, enum: QR_FORMATS, description: 'svg scales freely; png is 512 px (a counter sticker) (default svg)' },
} as const;
