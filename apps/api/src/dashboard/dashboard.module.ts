import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { DashboardPage } from './dashboard-page';
import { DashboardController } from './dashboard.controller';

/** The dashboard page (`GET /dashboard`) and its assets; its figures come from `/api/v1/reports`. */
@Module({
  imports: [AuthModule],
  controllers: [DashboardController],
  providers: [DashboardPage],
})
export class DashboardModule {}
