import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PeopleModule } from '@turbota/people';
import { AppHome } from './app-home';
import { ChannelsModule } from '../channels/channels.module';
import { SLACK_APP, type SlackApp } from '../channels/slack/slack-app';
import { NoticeDelivery } from './notice-delivery';
import { NoticeRepository } from './notice.repository';
import { NoticeSender } from './notice-sender';
import { SlackActors } from './slack-actors';
import { SlashCommand } from './slash-command';
import { SupervisorDirectory } from './supervisor-directory';
import { SupervisorStats } from './supervisor-stats';
import { SupervisorWebhook } from './supervisor-webhook';
import { SUPERVISORS_SLACK, SupervisorsSlack, supervisorsSettingsOf } from './supervisors-slack';

/**
 * Slack for supervisors: incident and problem messages kept up to date from the notices, and
 * the buttons, modals and slash command that come back. Global, so the Slack router (in the
 * channels) registers the supervisors' listeners on its Bolt app without importing it.
 */
@Global()
@Module({
  imports: [ChannelsModule, PeopleModule],
  providers: [
    {
      provide: SUPERVISORS_SLACK,
      inject: [APP_CONFIG, SLACK_APP],
      useFactory: (config: AppConfig, app: SlackApp | null) => {
        const settings = supervisorsSettingsOf(config);
        return settings && app ? new SupervisorsSlack(settings, app) : null;
      },
    },
    NoticeRepository,
    NoticeDelivery,
    NoticeSender,
    SupervisorStats,
    SlashCommand,
    SupervisorDirectory,
    SlackActors,
    SupervisorWebhook,
    AppHome,
  ],
  exports: [SupervisorWebhook],
})
export class SupervisorsModule {}
