import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { DashboardPage } from './dashboard-page';
import { DashboardController } from './dashboard.controller';
import { ScoreDistributionController } from './score-distribution.controller';
import { ScoreDistributionRepository } from './score-distribution.repository';

/** The dashboard page (`GET /dashboard`), its assets, and the score histogram it draws. */
@Module({
  imports: [AuthModule],
  controllers: [DashboardController, ScoreDistributionController],
  providers: [DashboardPage, ScoreDistributionRepository],
})
export class DashboardModule {}
