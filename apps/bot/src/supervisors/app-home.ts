import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Locale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type IncidentHistoryEntry, IncidentService, type IncidentStatus, type IncidentView } from '@turbota/incidents';
import { PersonEntity } from '@turbota/persistence';
import { RateLimitedError, TemporarySendError } from '../channels/send-errors';
import { HOME_SECTION_LIMIT, type HomeSection, notForYouView, supervisorHomeView } from './app-home-view';
import { SlackActors } from './slack-actors';
import { SupervisorDirectory } from './supervisor-directory';
import { SUPERVISORS_SLACK, type SupervisorsSlack } from './supervisors-slack';

const OPEN: IncidentStatus[] = ['new', 'acknowledged', 'in_progress'];

/** Whose Home a Slack user's is: the person linked to them (null when none), and their language. */
interface Viewer {
  slackUserId: string;
  personId: string | null;
  locale: Locale;
}

/**
 * The supervisors' App Home tab: published when a supervisor opens it (anyone else is told
 * whom it is for), and again for the supervisors an incident's change concerns, by the notice
 * delivery, so the list follows what happens in the channel and the console.
 */
@Injectable()
export class AppHome {
  private readonly logger = new Logger('SupervisorHome');

  constructor(
    @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly incidents: IncidentService,
    private readonly directory: SupervisorDirectory,
    private readonly actors: SlackActors,
  ) {}

  /**
   * A Slack user opened the Home tab. Best effort: a failure is logged, not thrown, since Slack
   * only retries the event and the next opening publishes again.
   */
  async opened(userId: string, options: { notice?: string } = {}): Promise<void> {
    if (!this.slack) return;
    try {
      const check = await this.directory.check(userId);
      if (!check.allowed) {
        // Told in the language of a person already linked; anyone else is not looked up in Slack, as a refused press is not.
        const [viewer] = await this.viewersOf([], [userId]);
        return await this.slack.publishHome(userId, notForYouView(viewer.locale, check.reason));
      }
      // A supervisor nobody linked yet is linked by e-mail here, as on a first press.
      const actor = await this.actors.actorOf({ id: userId });
      const locale = await this.actors.localeOf(userId);
      await this.publish({ slackUserId: userId, personId: actor.kind === 'person' ? actor.id : null, locale }, options.notice);
    } catch (error) {
      this.logger.warn(`Could not publish a supervisor's App Home: ${(error as Error).message}`);
    }
  }

  /**
   * Re-publishes the Home of the supervisors a change of the incident concerns: its owner now,
   * the owners its new history entries gave it to or took it from, and the Slack users and
   * linked people who acted. Called from the notice delivery, so a temporary failure or a rate
   * limit is thrown and the notice is retried; Slack refusing a Home (a user gone, the Home tab
   * off) only costs that Home.
   */
  async refreshFor(incident: Pick<IncidentView, 'owner'>, entries: Pick<IncidentHistoryEntry, 'actor' | 'owner'>[]): Promise<void> {
    if (!this.slack) return;
    const personIds = new Set<string>();
    const slackUserIds = new Set<string>();
    if (incident.owner) personIds.add(incident.owner.id);
    for (const entry of entries) {
      if (entry.owner) personIds.add(entry.owner.id);
      if (entry.actor.kind === 'person') personIds.add(entry.actor.id);
      if (entry.actor.kind === 'slack_user') slackUserIds.add(entry.actor.id);
    }
    for (const viewer of await this.viewersOf([...personIds], [...slackUserIds])) {
      try {
        // They own incidents or just acted on one as supervisors: the supervisor's Home, with no check with Slack.
        await this.publish(viewer);
      } catch (error) {
        // Waiting helps these: the notice is retried. Anything else is about this Home only (the
        // message, with the same token, was just updated), so it must not pause every notice.
        if (error instanceof RateLimitedError || error instanceof TemporarySendError) throw error;
        this.logger.warn(`Slack refused a supervisor's App Home: ${(error as Error).message}`);
      }
    }
  }

  private async publish(viewer: Viewer, notice?: string): Promise<void> {
    const [mine, unowned] = await Promise.all([viewer.personId ? this.openOwnedBy(viewer.personId) : empty(), this.openOwnedBy(null)]);
    await this.slack!.publishHome(viewer.slackUserId, supervisorHomeView({ locale: viewer.locale, mine, unowned, ...(notice ? { notice } : {}) }));
  }

  /** Open incidents of one owner (or of nobody), the next deadline first. */
  private async openOwnedBy(owner: string | null): Promise<HomeSection> {
    const page = await this.incidents.list({ status: OPEN, owner, limit: HOME_SECTION_LIMIT }, { revealContacts: false });
    const deadline = (i: IncidentView) => (i.status === 'new' ? i.acknowledgeBy : i.resolveBy).getTime();
    return { incidents: [...page.items].sort((a, b) => deadline(a) - deadline(b)), more: page.next !== null };
  }

  /** The Slack users to publish for: linked active people among the persons, and the Slack users (linked or not). */
  private async viewersOf(personIds: string[], slackUserIds: string[]): Promise<Viewer[]> {
    if (!personIds.length && !slackUserIds.length) return [];
    const where = [...(personIds.length ? [{ id: In(personIds) }] : []), ...(slackUserIds.length ? [{ slackUserId: In(slackUserIds) }] : [])];
    // A deactivated person's link no longer counts (as in SlackActors): their Slack user acts as itself.
    const people = (await this.dataSource.manager.find(PersonEntity, { where })).filter((person) => person.status === 'active');
    const viewers = new Map<string, Viewer>();
    for (const person of people) {
      if (person.slackUserId) viewers.set(person.slackUserId, { slackUserId: person.slackUserId, personId: person.id, locale: person.locale ?? this.config.defaultLocale });
    }
    for (const id of slackUserIds) if (!viewers.has(id)) viewers.set(id, { slackUserId: id, personId: null, locale: this.config.defaultLocale });
    return [...viewers.values()];
  }
}

const empty = (): Promise<HomeSection> => Promise.resolve({ incidents: [], more: false });
