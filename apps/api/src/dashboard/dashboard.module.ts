import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The old dashboard address (`GET /dashboard`), which leads to the console's reports. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
