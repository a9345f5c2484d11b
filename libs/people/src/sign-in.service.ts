import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PersonEntity } from '@turbota/persistence';
import { lockPeople } from './first-admin.bootstrap';
import { checkNewPassword, PasswordHasher } from './password-hasher';
import { LinkNotFoundError, LinkSpentError, SetupRefusedError, SignInRefusedError } from './people.errors';
import type { SetupInput, SignInInput } from './person-input';
import { PersonTokens } from './person-tokens';
import { personProfile, type PersonProfile } from './person-view';
import { type StartedSession, SessionService } from './session.service';
import { removeSetupLinkFile } from './setup-link-file';
import { SignInThrottle } from './sign-in-throttle';

const SETUP_DONE = 'The first admin exists already: sign in instead';

/** A person just signed in: who they are, and the session whose token goes into their cookie. */
export interface SignedIn {
  profile: PersonProfile;
  session: StartedSession;
}

/** Signing in with a password, and creating the first admin with the setup link. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tokens: PersonTokens,
    private readonly throttle: SignInThrottle,
  ) {}

  /** True while no person exists: the console offers the setup page. */
  async setupNeeded(clientAddress: string): Promise<boolean> {
    await this.throttle.checkAddress(clientAddress);
    return !(await this.dataSource.manager.exists(PersonEntity));
  }

  /** Creates the first admin with the setup link's token and signs them in; refused once anyone exists. */
  async setup(input: SetupInput, clientAddress: string): Promise<SignedIn> {
    await this.throttle.checkAddress(clientAddress);
    checkNewPassword(input.password, input.email);
    try {
      // Checked before the slow password hash, and again under the lock.
      if (await this.dataSource.manager.exists(PersonEntity)) throw new SetupRefusedError(SETUP_DONE);
      await this.tokens.find(input.token, 'setup');
      const passwordHash = await this.hasher.hash(input.password);
      const signedIn = await this.dataSource.transaction(async (tx) => {
        await lockPeople(tx);
        if (await tx.exists(PersonEntity)) throw new SetupRefusedError(SETUP_DONE);
        await this.tokens.use(tx, input.token, 'setup');
        const admin = await tx.save(
          PersonEntity,
          tx.create(PersonEntity, { email: input.email, displayName: input.displayName, locale: input.locale ?? null, role: 'admin', status: 'active', passwordHash, slackUserId: null, lastSignInAt: null }),
        );
        return { profile: personProfile(admin), session: await this.sessions.start(admin.id, tx) };
      });
      removeSetupLinkFile(this.config.dataDir);
      return signedIn;
    } catch (error) {
      const refused = error instanceof SetupRefusedError || error instanceof LinkNotFoundError || error instanceof LinkSpentError;
      if (!refused) throw error;
      await this.throttle.addressFailed(clientAddress);
      throw error instanceof SetupRefusedError ? error : new SetupRefusedError('This setup link is wrong or has been used: open the one in DATA_DIR/setup-url or the latest start-up log');
    }
  }

  /**
   * Signs a person in. An unknown e-mail, a wrong password and an account that may not sign in
   * get one answer after the same work, so the answer reveals no account; failures count
   * against the account and the client address.
   */
  async signIn(input: SignInInput, clientAddress: string): Promise<SignedIn> {
    const attempt = await this.throttle.begin(input.email, clientAddress);
    const person = await this.dataSource.manager.findOne(PersonEntity, { where: { email: input.email } });
    const matches = await this.hasher.verify(person?.status === 'active' ? person.passwordHash : null, input.password);
    if (!person || !matches) throw new SignInRefusedError();
    await this.throttle.succeeded(attempt);
    return { profile: personProfile(person), session: await this.sessions.start(person.id) };
  }
}
