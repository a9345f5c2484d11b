import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PersonEntity, type PersonRole, type PersonStatus, type PersonTokenKind } from '@turbota/persistence';
import { consoleLink } from './console-links';
import { PeopleMail } from './mail/people-mail';
import { checkNewPassword, PasswordHasher } from './password-hasher';
import { LinkNotFoundError, LinkSpentError } from './people.errors';
import type { LinkBase } from './people.service';
import type { InvitationAcceptInput, NewPasswordInput, PasswordResetRequestInput } from './person-input';
import { PersonTokens } from './person-tokens';
import { personProfile } from './person-view';
import { SessionService } from './session.service';
import type { SignedIn } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';

/** What an invitation link shows before it is accepted. */
export interface InvitationView {
  email: string;
  displayName: string;
  role: PersonRole;
  expiresAt: Date;
}

// Who may use each kind of link: an invitation before it is accepted, a reset while the account is active.
const LINK_STATUS: Record<Exclude<PersonTokenKind, 'setup'>, PersonStatus> = { invite: 'invited', reset: 'active' };

/** The links that set a password: accepting an invitation, and resetting a forgotten password. */
@Injectable()
export class PasswordLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tokens: PersonTokens,
    private readonly throttle: SignInThrottle,
    private readonly mail: PeopleMail,
  ) {}

  async invitation(token: string, clientAddress: string): Promise<InvitationView> {
    const { person, expiresAt } = await this.linked(token, 'invite', clientAddress);
    return { email: person.email, displayName: person.displayName, role: person.role, expiresAt };
  }

  /** Sets the invited person's password (and name or language when given), activates them and signs them in. */
  async acceptInvitation(token: string, input: InvitationAcceptInput, clientAddress: string): Promise<SignedIn> {
    const passwordHash = await this.newPasswordHash(token, 'invite', input.password, clientAddress);
    return this.dataSource.transaction(async (tx) => {
      const person = await this.usedBy(tx, token, 'invite');
      const accepted = await tx.save(PersonEntity, { ...person, passwordHash, status: 'active', displayName: input.displayName ?? person.displayName, locale: input.locale ?? person.locale });
      return { profile: personProfile(accepted), session: await this.sessions.start(accepted.id, tx) };
    });
  }

  /**
   * E-mails a reset link when the address belongs to an active person (and has had fewer
   * than three in the window). The caller answers alike whatever happened, and the e-mail goes
   * out after the answer, so neither the answer nor its time tells whether the account exists.
   */
  async requestReset(input: PasswordResetRequestInput, clientAddress: string, base: LinkBase): Promise<void> {
    await this.throttle.checkAddress(clientAddress);
    await this.throttle.addressFailed(clientAddress); // each request may send an e-mail: it counts against the address
    const mayMail = await this.throttle.mayMailReset(input.email);
    const person = await this.dataSource.manager.findOne(PersonEntity, { where: { email: input.email } });
    if (!person || person.status !== 'active' || !mayMail) return;
    const link = await this.dataSource.transaction((tx) => this.tokens.issue(tx, 'reset', person.id));
    void this.mail.reset(person, consoleLink(this.config.publicUrl ?? base.requestOrigin, 'reset', link.token), link.expiresAt);
  }

  async reset(token: string, clientAddress: string): Promise<{ email: string }> {
    return { email: (await this.linked(token, 'reset', clientAddress)).person.email };
  }

  /** Sets the new password and ends every session of the person. */
  async completeReset(token: string, input: NewPasswordInput, clientAddress: string): Promise<void> {
    const passwordHash = await this.newPasswordHash(token, 'reset', input.password, clientAddress);
    await this.dataSource.transaction(async (tx) => {
      const person = await this.usedBy(tx, token, 'reset');
      await tx.update(PersonEntity, { id: person.id }, { passwordHash });
      await this.sessions.endAll(person.id, tx);
    });
  }

  /** The link's person while it can be used; an unknown or spent link counts against the address. */
  private async linked(token: string, kind: 'invite' | 'reset', clientAddress: string): Promise<{ person: PersonEntity; expiresAt: Date }> {
    await this.throttle.checkAddress(clientAddress);
    try {
      const row = await this.tokens.find(token, kind);
      const person = await this.dataSource.manager.findOne(PersonEntity, { where: { id: row.personId! } });
      if (person?.status !== LINK_STATUS[kind]) throw new LinkSpentError();
      return { person, expiresAt: row.expiresAt };
    } catch (error) {
      if (error instanceof LinkNotFoundError || error instanceof LinkSpentError) await this.throttle.addressFailed(clientAddress);
      throw error;
    }
  }

  /** Checks the link and the new password against the person's e-mail, then hashes it (outside any transaction: it is slow). */
  private async newPasswordHash(token: string, kind: 'invite' | 'reset', password: string, clientAddress: string): Promise<string> {
    const { person } = await this.linked(token, kind, clientAddress);
    checkNewPassword(password, person.email);
    return this.hasher.hash(password);
  }

  /** Uses the link in the transaction and answers its person, locked; refused if the person may no longer use it. */
  private async usedBy(tx: EntityManager, token: string, kind: 'invite' | 'reset'): Promise<PersonEntity> {
    const row = await this.tokens.use(tx, token, kind);
    const person = await tx.findOne(PersonEntity, { where: { id: row.personId! }, lock: { mode: 'pessimistic_write' } });
    if (person?.status !== LINK_STATUS[kind]) throw new LinkSpentError();
    return person;
  }
}
