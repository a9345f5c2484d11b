import { Module } from '@nestjs/common';
import { MessengerAccounts } from './messenger-accounts';
import { PointService } from './point.service';

/** Points of service and their QR codes. */
@Module({
  providers: [PointService, MessengerAccounts],
  exports: [PointService],
})
export class PointsModule {}
