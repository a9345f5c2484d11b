import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The configuration audit in the API: who changed which setting, when, from what to what. */
@Module({
  imports: [AuthModule],
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditApiModule {}
