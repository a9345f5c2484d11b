import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { ConversationsModule } from '@turbota/conversations';
import { PeopleModule } from '@turbota/people';
import { StandardModule } from '@turbota/standard';
import { ChannelsModule } from '../channels/channels.module';
import { WHATSAPP_INVITATIONS, whatsappInvitationsOf } from '../channels/whatsapp/whatsapp-invitation';
import { InvitationSender } from './invitation-sender';
import { InvitationTexts } from './invitation-texts';
import { SmsReportsController } from './sms-reports.controller';
import { SMS_PROVIDER } from './sms/sms-provider';
import { smsProviderOf } from './sms/sms-providers';

/** Invitations that carry a survey link (the SMS, the e-mail, WhatsApp's template), and the SMS's delivery reports. */
@Module({
  imports: [StandardModule, ConversationsModule, PeopleModule, ChannelsModule],
  controllers: [SmsReportsController],
  providers: [
    { provide: SMS_PROVIDER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => smsProviderOf(config.sms) },
    { provide: WHATSAPP_INVITATIONS, inject: [APP_CONFIG], useFactory: whatsappInvitationsOf },
    InvitationTexts,
    InvitationSender,
  ],
})
export class InvitationsModule {}
