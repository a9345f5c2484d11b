import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuditActor } from '@turbota/audit';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PersonEntity } from '@turbota/persistence';
import { consoleLink } from './console-links';
import { PeopleMail } from './mail/people-mail';
import { PeopleConflictError, PersonNotFoundError } from './people.errors';
import { recordPersonChange } from './person-audit';
import { PERSON_DEACTIVATED, type PeopleActor, type PersonDeactivatedHook } from './person-deactivated.hook';
import type { UserChange, UserInput } from './person-input';
import { PersonTokens } from './person-tokens';
import { personProfile, type PersonProfile, userView, type UserView } from './person-view';
import { SessionService } from './session.service';
import { refuseTakenSlackUser, slackLinkRefusal } from './slack-user-link';

/** A link for a person to set their password, and whether it was e-mailed to them too. */
export interface InvitationLink {
  inviteUrl: string;
  expiresAt: Date;
  emailed: boolean;
}

/** Where a link's address starts when PUBLIC_URL is not set: the origin the admin's request came to. */
export interface LinkBase {
  requestOrigin: string;
}

/** Where an invitation's link starts, and who invites (recorded in the audit). */
export interface InviteOptions extends LinkBase {
  by: AuditActor;
}

/** An admin's work on people: inviting, listing, changing roles, deactivating. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: PersonTokens,
    private readonly sessions: SessionService,
    private readonly mail: PeopleMail,
    @Inject(PERSON_DEACTIVATED) private readonly deactivated: PersonDeactivatedHook,
  ) {}

  /** Creates an invited person and their 72-hour link, e-mailed when mail is configured. */
  async invite(input: UserInput, options: InviteOptions): Promise<InvitationLink & { user: UserView }> {
    const { by, ...base } = options;
    try {
      const { person, link } = await this.dataSource.transaction(async (tx) => {
        const saved = await tx.save(PersonEntity, tx.create(PersonEntity, { ...input, locale: input.locale ?? null, status: 'invited', passwordHash: null, slackUserId: null, lastSignInAt: null }));
        await recordPersonChange(tx, by, 'created', null, saved);
        return { person: saved, link: await this.tokens.issue(tx, 'invite', saved.id) };
      });
      return { user: userView(person), ...(await this.sendInvitation(person, link, base)) };
    } catch (error) {
      if (isEmailTaken(error)) throw new PeopleConflictError(`A person with the e-mail ${input.email} exists already`);
      throw error;
    }
  }

  /** A new invitation link for a person who has not accepted yet; the earlier one stops working. */
  async reinvite(id: string, base: LinkBase): Promise<InvitationLink> {
    const { person, link } = await this.dataSource.transaction(async (tx) => {
      const found = await this.locked(tx, id);
      if (found.status !== 'invited') throw new PeopleConflictError(`This person is ${found.status}: only an invited person gets a new invitation`);
      return { person: found, link: await this.tokens.issue(tx, 'invite', found.id) };
    });
    return this.sendInvitation(person, link, base);
  }

  async list(): Promise<UserView[]> {
    return (await this.dataSource.manager.find(PersonEntity, { order: { createdAt: 'ASC', email: 'ASC' } })).map(userView);
  }

  async get(id: string): Promise<UserView> {
    const person = await this.dataSource.manager.findOne(PersonEntity, { where: { id } });
    if (!person) throw new PersonNotFoundError(id);
    return userView(person);
  }

  /** A person as they see themselves (the signed-in person's `/me`). */
  async profile(id: string): Promise<PersonProfile> {
    const person = await this.dataSource.manager.findOne(PersonEntity, { where: { id } });
    if (!person) throw new PersonNotFoundError(id);
    return personProfile(person);
  }

  /**
   * Changes a role, a display name or the linked Slack user (null unlinks); the last active admin
   * keeps the admin role, and a Slack user another person has linked is refused.
   */
  async update(id: string, change: UserChange, by: AuditActor): Promise<UserView> {
    return slackLinkRefusal(() =>
      this.dataSource.transaction(async (tx) => {
        const { person, activeAdmins } = await this.lockedWithAdmins(tx, id);
        if (change.role && change.role !== 'admin') keepAnAdmin(person, activeAdmins, 'take the admin role from');
        if (change.slackUserId) await refuseTakenSlackUser(tx, id, change.slackUserId);
        const saved = await tx.save(PersonEntity, { ...person, ...change });
        await recordPersonChange(tx, by, 'changed', person, saved);
        return userView(saved);
      }),
    );
  }

  /** Unlinks the person's own Slack user: their Slack actions are the Slack user's again (linking is by a one-time code: SlackLinkCodes). */
  async unlinkSlack(id: string): Promise<PersonProfile> {
    return this.dataSource.transaction(async (tx) => {
      const person = await this.locked(tx, id);
      const saved = await tx.save(PersonEntity, { ...person, slackUserId: null });
      await recordPersonChange(tx, { kind: 'person', id, name: person.displayName }, 'changed', person, saved);
      return personProfile(saved);
    });
  }

  /**
   * Deactivates a person: their sessions and unused links end at once, and the open incidents
   * they own become nobody's (recorded as done by `by`), in one transaction; the last active admin stays.
   */
  async deactivate(id: string, by: PeopleActor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const { person, activeAdmins } = await this.lockedWithAdmins(tx, id);
      if (person.status === 'deactivated') return;
      keepAnAdmin(person, activeAdmins, 'deactivate');
      await tx.update(PersonEntity, { id }, { status: 'deactivated' });
      await recordPersonChange(tx, by, 'deactivated', person, { ...person, status: 'deactivated' });
      await this.sessions.endAll(id, tx);
      await this.tokens.withdraw(tx, id);
      await this.deactivated.onDeactivated(tx, id, by);
    });
  }

  private async sendInvitation(person: PersonEntity, link: { token: string; expiresAt: Date }, base: LinkBase): Promise<InvitationLink> {
    const inviteUrl = consoleLink(this.config.publicUrl ?? base.requestOrigin, 'invite', link.token);
    return { inviteUrl, expiresAt: link.expiresAt, emailed: await this.mail.invite(person, inviteUrl, link.expiresAt) };
  }

  private async locked(tx: EntityManager, id: string): Promise<PersonEntity> {
    const person = await tx.findOne(PersonEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw new PersonNotFoundError(id);
    return person;
  }

  /**
   * The person, locked, and how many active admins there are, their rows locked first and in
   * one order, so two changes at once that could leave no admin take turns without deadlock.
   */
  private async lockedWithAdmins(tx: EntityManager, id: string): Promise<{ person: PersonEntity; activeAdmins: number }> {
    const admins = await tx.find(PersonEntity, { where: { role: 'admin', status: 'active' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return { person: await this.locked(tx, id), activeAdmins: admins.length };
  }
}

/** Refuses a change that would leave no active admin. */
function keepAnAdmin(person: PersonEntity, activeAdmins: number, what: string): void {
  if (person.role === 'admin' && person.status === 'active' && activeAdmins <= 1) {
    throw new PeopleConflictError(`This is the last active admin: make another person admin before you ${what} them`);
  }
}

// Not the survey configuration's helper: it would import the server library, which imports the API guard, which imports this one.
function isEmailTaken(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === 'uq_person_email';
}
