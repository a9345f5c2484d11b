import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller } from '@turbota/auth';
import { ZodQuery, ZodResponse } from '@turbota/server';
import { type AuditQuery, auditQuerySchema } from './audit.query';
import { auditPageSchema } from './audit.schemas';
import { AuditService } from './audit.service';

@ApiV1Controller('audit', 'audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'Every configuration change (admin): pools, policies, the service standard, points, campaigns, API keys and people',
    description: 'Who changed what and when, with each changed field before and after; secrets (API keys, hashes, tokens) never appear.',
  })
  @ZodResponse(auditPageSchema, { description: 'A page, newest first; pass nextCursor as cursor for the next one' })
  list(@ZodQuery(auditQuerySchema) query: AuditQuery) {
    return this.audit.list(query);
  }
}
