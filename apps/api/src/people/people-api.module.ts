import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { FirstAdminBootstrap, PeopleModule } from '@turbota/people';
import { MeController } from './me.controller';
import { SessionsController } from './sessions.controller';
import { SignInController } from './sign-in.controller';
import { UsersController } from './users.controller';

/** People in the API: admins manage them, they sign in and out; the first admin's setup link at start-up. */
@Module({
  imports: [AuthModule, PeopleModule],
  controllers: [SignInController, SessionsController, MeController, UsersController],
  providers: [FirstAdminBootstrap],
})
export class PeopleApiModule {}
