import { Module } from '@nestjs/common';
import { AuthModule } from '@turbota/auth';
import { IncidentsModule } from '@turbota/incidents';
import { FirstAdminBootstrap, PeopleModule } from '@turbota/people';
import { MeController } from './me.controller';
import { OidcController } from './oidc.controller';
import { SessionsController } from './sessions.controller';
import { SignInController } from './sign-in.controller';
import { UsersController } from './users.controller';

/** People in the API: admins manage them, they sign in and out; the first admin's setup link at start-up; who may own incidents. */
@Module({
  imports: [AuthModule, PeopleModule, IncidentsModule],
  controllers: [SignInController, OidcController, SessionsController, MeController, UsersController],
  providers: [FirstAdminBootstrap],
})
export class PeopleApiModule {}
