import { Module } from '@nestjs/common';
import { ChangeFeedRepository } from './change-feed.repository';
import { LiveChangeFeed } from './live-change-feed';

/** The change feed of incidents and problems, for the live streams of this process. */
@Module({
  providers: [ChangeFeedRepository, LiveChangeFeed],
  exports: [LiveChangeFeed],
})
export class LiveModule {}
