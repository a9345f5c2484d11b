import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { type Clock, CLOCK } from '@turbota/common';
import { digestDueAt, IncidentService, ProblemService } from '@turbota/incidents';
import { RejectedMessageError } from '../channels/send-errors';
import { AppHome } from './app-home';
import { historyLine, incidentMessage, type MentionsPaused, slaAnnouncement } from './incident-blocks';
import { incidentDigest } from './incident-digest';
import { type ClaimedDigestNotice, type ClaimedNotice, NoticeRepository, type UnpostedEntry } from './notice.repository';
import { problemHistoryLine, problemMessage } from './problem-blocks';
import type { SlackMessage } from './slack-text';
import type { SupervisorsSlack } from './supervisors-slack';
import { RecordBacklog } from '../outbox/record-backlog';

/** What one send covers: the claimed notice's subject, and the SLA breach notice among its notices (its seq), if any. */
export interface NoticeBatch {
  head: ClaimedNotice;
  slaBreach: string | null;
}

/**
 * Brings one incident's or problem's Slack presence up to date, as it is now: the message
 * (posted the first time, updated in place after), every audit row not yet in its thread, and
 * for an SLA breach an announcement in the channel; and the App Home of the supervisors an
 * incident's change concerns. Each step is recorded as it succeeds, so a retry after a failure
 * repeats nothing that already reached Slack (a Home is only published again, as it is then).
 */
@Injectable()
export class NoticeDelivery {
  constructor(
    private readonly incidents: IncidentService,
    private readonly problems: ProblemService,
    private readonly notices: NoticeRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly home: AppHome,
  ) {}

  /** Records of what reached Slack that the database refused (it was away). */
  private readonly unrecorded = new RecordBacklog();

  /** Writes the records a failed round left, before anything is posted again; throws while the database is away. */
  recordLeftovers(): Promise<void> {
    return this.unrecorded.flush();
  }

  /** Records that something reached Slack; kept for the next round when the database refuses, so it is not posted twice. */
  record(write: () => Promise<void>): Promise<void> {
    return this.unrecorded.record(write);
  }

  async deliver(slack: SupervisorsSlack, batch: NoticeBatch): Promise<void> {
    try {
      if (batch.head.problemId) await this.deliverProblem(slack, batch.head.problemId);
      else if (batch.head.incidentId) await this.deliverIncident(slack, batch.head.incidentId, batch.slaBreach);
    } catch (error) {
      // Erased since the notice was written: there is nothing left to show.
      if (!(error instanceof NotFoundException)) throw error;
    }
  }

  /** One message for the incidents a digest gathered (nothing when they were all erased since). */
  async deliverDigest(slack: SupervisorsSlack, claimed: ClaimedDigestNotice[]): Promise<void> {
    const incidents = await this.notices.digestedIncidents(claimed.map((n) => n.incidentId));
    if (incidents.length === 0) return;
    const { anonymousIncidentsPerWindow: perWindow, anonymousWindowMinutes: windowMinutes } = this.config.supervisorNotices;
    await slack.post(incidentDigest(incidents, { perWindow, windowMinutes }));
  }

  private async deliverIncident(slack: SupervisorsSlack, id: string, slaBreach: string | null): Promise<void> {
    // Masked contacts: the channel is read by everyone in it, whatever the sender could decrypt.
    // Its readers are the staff: the tasks in the installation's language, the phrases in the customer's.
    const incident = await this.incidents.get(id, { revealContacts: false, tasksLocale: this.config.defaultLocale });
    const entries = await this.notices.unpostedIncidentEntries(id);
    if (!incident.slack && (await this.waitsInDigest(id, entries))) {
      // Its breach is told as it was announced: in the next digest, without a mention.
      if (slaBreach) await this.notices.digestAgain(id, digestDueAt(this.clock.now(), this.config.supervisorNotices.digestEveryMinutes));
      return;
    }
    const at = await this.place(slack, { table: 'incident', id }, incident.slack, incidentMessage(incident));
    // Before the thread, whose entries name whom the change concerns: a retry after a failure here finds them again.
    await this.home.refreshFor(incident, entries);
    for (const entry of entries) {
      await slack.post({ text: historyLine(entry), blocks: [] }, at);
      await this.record(() => this.notices.markPosted('incident_event', entry.seq));
    }
    if (slaBreach) await slack.post(slaAnnouncement(incident, await this.mentionsPaused(slaBreach)));
  }

  /**
   * An incident a digest announced gets its own message once someone (an API key, a person in
   * the console, a Slack user) acts on it; until then what the customer or Turbota add waits in
   * its history, so a flood that was gathered into a digest does not come back one message at a
   * time.
   */
  private async waitsInDigest(id: string, entries: UnpostedEntry<{ actor: { kind: string } }>[]): Promise<boolean> {
    if (entries.some((e) => e.actor.kind !== 'customer' && e.actor.kind !== 'system')) return false;
    return this.notices.isDigested(id);
  }

  /** Undefined when the SLA notice may mention `<!here>`; what to say instead when the budget is spent. */
  private async mentionsPaused(slaNotice: string): Promise<MentionsPaused | undefined> {
    const { hereMentionsPerWindow: limit, hereWindowMinutes: windowMinutes } = this.config.supervisorNotices;
    const mention = await this.notices.takeMention(slaNotice, { limit, windowMs: windowMinutes * 60_000 });
    return mention ? undefined : { mentions: limit, windowMinutes };
  }

  private async deliverProblem(slack: SupervisorsSlack, id: string): Promise<void> {
    const problem = await this.problems.get(id, { revealContacts: false });
    const at = await this.place(slack, { table: 'problem', id }, problem.slack, problemMessage(problem));
    for (const entry of await this.notices.unpostedProblemEntries(id)) {
      await slack.post({ text: problemHistoryLine(entry, problem), blocks: [] }, at);
      await this.record(() => this.notices.markPosted('problem_event', entry.seq));
    }
  }

  /** Updates the message in place; posts it (and records where) the first time, or when someone deleted it. */
  private async place(slack: SupervisorsSlack, subject: Subject, at: SlackPlace | null, message: SlackMessage): Promise<SlackPlace> {
    if (at) {
      try {
        await slack.update(at, message);
        return at;
      } catch (error) {
        if (!(error instanceof RejectedMessageError && error.message.includes('message_not_found'))) throw error;
      }
    }
    const posted = await slack.post(message);
    await this.record(() => this.notices.placeMessage(subject, posted));
    return posted;
  }
}

type Subject = Parameters<NoticeRepository['placeMessage']>[0];
type SlackPlace = { channel: string; ts: string };
