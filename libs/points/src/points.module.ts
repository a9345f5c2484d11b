import { Module } from '@nestjs/common';
import { CustomerPoints } from './customer-points';
import { MessengerAccounts } from './messenger-accounts';
import { PointService } from './point.service';

/** Points of service and their QR codes. */
@Module({
  providers: [PointService, MessengerAccounts, CustomerPoints],
  exports: [PointService, CustomerPoints],
})
export class PointsModule {}
