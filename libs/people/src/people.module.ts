import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { MAILER, mailerFor } from './mail/mailer';
import { PeopleMail } from './mail/people-mail';
import { OidcIssuer } from './oidc/oidc-issuer';
import { OidcSignInService } from './oidc/oidc-sign-in.service';
import { PasswordHasher } from './password-hasher';
import { PasswordLinksService } from './password-links.service';
import { PeopleService } from './people.service';
import { PersonTokens } from './person-tokens';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';
import { SlackLinkCodes } from './slack-link-codes';

/** People who sign in to the console: their accounts, passwords, sessions, links and e-mails (the mailer serves customers' invitations too). */
@Module({
  providers: [
    { provide: MAILER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => mailerFor(config) },
    PeopleMail,
    PasswordHasher,
    PersonTokens,
    SessionService,
    SignInThrottle,
    PeopleService,
    SignInService,
    PasswordLinksService,
    OidcIssuer,
    OidcSignInService,
    SlackLinkCodes,
  ],
  exports: [PeopleService, SignInService, PasswordLinksService, SessionService, PersonTokens, OidcSignInService, SlackLinkCodes, MAILER],
})
export class PeopleModule {}
