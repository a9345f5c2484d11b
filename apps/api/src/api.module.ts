import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { ApiKeysController } from './api-keys/api-keys.controller';

/** The REST API under `/api/v1` (and, as later features land, the dashboard and the workers). */
@Module({
  imports: [AuthModule],
  controllers: [ApiKeysController],
})
export class ApiModule {}
