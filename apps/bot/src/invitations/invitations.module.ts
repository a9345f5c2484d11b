import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { StandardModule } from '@turbota/standard';
import { InvitationSender } from './invitation-sender';
import { InvitationTexts } from './invitation-texts';
import { SmsReportsController } from './sms-reports.controller';
import { SMS_PROVIDER } from './sms/sms-provider';
import { smsProviderOf } from './sms/sms-providers';

/** Invitations sent outside the messengers: the SMS that carries a survey link, and its delivery reports. */
@Module({
  imports: [StandardModule],
  controllers: [SmsReportsController],
  providers: [{ provide: SMS_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => smsProviderOf(config.sms) }, InvitationTexts, InvitationSender],
})
export class InvitationsModule {}
