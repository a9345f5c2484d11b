import { Module } from '@nestjs/common';
import { CustomerPoints } from './customer-points';
import { MessengerAccounts } from './messenger-accounts';
import { PointService } from './point.service';

/** Points of service and their QR codes; the bots' public names for deep links elsewhere too (a survey link's page). */
@Module({
  providers: [PointService, MessengerAccounts, CustomerPoints],
  exports: [PointService, MessengerAccounts, CustomerPoints],
})
export class PointsModule {}
