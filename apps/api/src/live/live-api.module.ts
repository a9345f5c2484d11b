import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { LiveModule } from '@turbota/live';
import { LiveHolders } from './live-holders';
import { LiveStreams } from './live-streams';
import { LiveController } from './live.controller';

/** The console's live updates: `GET /api/v1/events`, fed by this process's change feed. */
@Module({
  imports: [AuthModule, LiveModule],
  controllers: [LiveController],
  providers: [LiveHolders, LiveStreams],
})
export class LiveApiModule {}
