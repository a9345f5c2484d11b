import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QR_FORMATS, QR_TARGETS } from '@turbota/points';

/** A point of service as written; `pointInputSchema` checks it. */
export class PointInputDto {
  @ApiProperty({ example: 'kyiv-central', description: '1-64 letters, digits, _ or -; unique; travels in the web chat and messenger links' }) code: string;
  @ApiProperty({ example: 'Kyiv, Khreshchatyk branch' }) name: string;
  @ApiPropertyOptional({ example: 'Khreshchatyk St, 22', nullable: true }) address?: string | null;
  @ApiPropertyOptional({ example: 'Europe/Kyiv', nullable: true, description: "IANA time zone; a policy's quiet hours are read in it for the point's contacts" })
  timeZone?: string | null;
}

export class PointDto extends PointInputDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** `GET /points/{id}/qr` query, for the OpenAPI document; `qrQuerySchema` checks it. */
export const QR_QUERY_DOCS = {
  target: { name: 'target', required: false, enum: QR_TARGETS, description: 'webchat: <PUBLIC_URL>/chat?point=<code>; telegram: t.me deep link; viber: viber://pa deep link (default webchat)' },
  format: { name: 'format', required: false, enum: QR_FORMATS, description: 'svg scales freely; png is 512 px (a counter sticker) (default svg)' },
} as const;
