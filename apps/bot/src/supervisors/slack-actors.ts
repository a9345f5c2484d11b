import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, QueryFailedError } from 'typeorm';
import { type Clock, CLOCK, type Locale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import type { Actor } from '@turbota/incidents';
import { PersonEntity } from '@turbota/persistence';
import { SUPERVISORS_SLACK, type SupervisorsSlack } from './supervisors-slack';

/** The Slack user of an interaction, as its payload names them. */
export interface SlackUser {
  id: string;
  name?: string;
}

/** A Slack user no person matched by e-mail is asked about again after this long (someone may be invited with it since). */
export const EMAIL_MISS_RETRY_MS = 60 * 60_000;
/** After users.info failed (Slack away, the scope missing), it is asked again no sooner than this. */
export const EMAIL_FAILURE_RETRY_MS = 60_000;
/** Slack wants an interaction answered within 3 seconds: users.info gets part of that, then the action goes on without it. */
export const EMAIL_WAIT_MS = 1_500;

/**
 * Who a Slack user is in Turbota. A person who linked their Slack user (themselves, or an admin
 * for them) acts from Slack as that person, so Slack and console actions read as one actor. A
 * Slack user nobody linked is matched once by e-mail (`users.info`) to an active person, and the
 * link is stored; no match, or Slack not answering, leaves them a Slack user: it never blocks
 * the action. A deactivated person's link no longer counts.
 */
@Injectable()
export class SlackActors {
  private readonly logger = new Logger('SlackActors');
  /** When each unmatched Slack user may be asked about again. */
  private readonly askAgainAt = new Map<string, number>();
  private readonly asking = new Map<string, Promise<PersonEntity | null>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The actor a Slack user's action is recorded as: their person when linked and active, else the Slack user. */
  async actorOf(user: SlackUser): Promise<Actor> {
    const person = await this.personOf(user.id);
    if (person) return { kind: 'person', id: person.id, name: person.displayName };
    return { kind: 'slack_user', id: user.id, ...(user.name ? { name: user.name } : {}) };
  }

  /** A Slack user's language (the slash command's answers, the standard's tasks): their person's, else the installation's default. */
  async localeOf(userId: string): Promise<Locale> {
    return (await this.personOf(userId))?.locale ?? this.config.defaultLocale;
  }

  /** The active person linked to the Slack user, linking one by e-mail when nobody is. */
  private async personOf(userId: string): Promise<PersonEntity | null> {
    const linked = await this.dataSource.manager.findOne(PersonEntity, { where: { slackUserId: userId } });
    if (linked) return linked.status === 'active' ? linked : null;
    if (this.clock.now().getTime() < (this.askAgainAt.get(userId) ?? 0)) return null;
    let asking = this.asking.get(userId);
    if (!asking) {
      asking = this.linkByEmail(userId).finally(() => this.asking.delete(userId));
      this.asking.set(userId, asking);
    }
    return asking;
  }

  private async linkByEmail(userId: string): Promise<PersonEntity | null> {
    let email: string | null;
    try {
      email = this.slack ? await withinTime(this.slack.userEmail(userId), EMAIL_WAIT_MS) : null;
    } catch (error) {
      this.askAgainAt.set(userId, this.clock.now().getTime() + EMAIL_FAILURE_RETRY_MS);
      this.logger.warn(`Could not read a Slack user's e-mail (users.info needs the users:read.email scope): ${(error as Error).message}`);
      return null;
    }
    // E-mails are stored lower-case; Slack keeps them as typed.
    const person = email ? await this.dataSource.manager.findOne(PersonEntity, { where: { email: email.trim().toLowerCase(), status: 'active', slackUserId: IsNull() } }) : null;
    if (!person || !(await this.link(person.id, userId))) {
      this.askAgainAt.set(userId, this.clock.now().getTime() + EMAIL_MISS_RETRY_MS);
      return null;
    }
    this.askAgainAt.delete(userId);
    this.logger.log(`Linked Slack user ${userId} to person ${person.id} by e-mail`);
    return { ...person, slackUserId: userId };
  }

  /** Stores the link unless the person got another one, or the Slack user another person, meanwhile. */
  private async link(personId: string, userId: string): Promise<boolean> {
    try {
      const { affected } = await this.dataSource.manager.update(PersonEntity, { id: personId, slackUserId: IsNull(), status: 'active' }, { slackUserId: userId });
      return affected === 1;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') return false;
      throw error;
    }
  }
}

/** The work's answer, or a failure once `ms` have passed without one. */
async function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
