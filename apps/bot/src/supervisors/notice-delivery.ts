import { Injectable, NotFoundException } from '@nestjs/common';
import { IncidentService, ProblemService } from '@turbota/incidents';
import { RejectedMessageError } from '../channels/send-errors';
import { historyLine, incidentMessage, slaAnnouncement } from './incident-blocks';
import { type ClaimedNotice, NoticeRepository } from './notice.repository';
import { problemHistoryLine, problemMessage } from './problem-blocks';
import type { SlackMessage } from './slack-text';
import type { SupervisorsSlack } from './supervisors-slack';
import { RecordBacklog } from '../outbox/record-backlog';

/** What one send covers: the claimed notice's subject, and whether an SLA breach is among its notices. */
export interface NoticeBatch {
  head: ClaimedNotice;
  slaBreached: boolean;
}

/**
 * Brings one incident's or problem's Slack presence up to date, as it is now: the message
 * (posted the first time, updated in place after), every audit row not yet in its thread, and
 * for an SLA breach an announcement in the channel. Each step is recorded as it succeeds, so a
 * retry after a failure repeats nothing that already reached Slack.
 */
@Injectable()
export class NoticeDelivery {
  constructor(
    private readonly incidents: IncidentService,
    private readonly problems: ProblemService,
    private readonly notices: NoticeRepository,
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
      else if (batch.head.incidentId) await this.deliverIncident(slack, batch.head.incidentId, batch.slaBreached);
    } catch (error) {
      // Erased since the notice was written: there is nothing left to show.
      if (!(error instanceof NotFoundException)) throw error;
    }
  }

  private async deliverIncident(slack: SupervisorsSlack, id: string, slaBreached: boolean): Promise<void> {
    // Masked contacts: the channel is read by everyone in it, whatever the sender could decrypt.
    const incident = await this.incidents.get(id, { revealContacts: false });
    const at = await this.place(slack, { table: 'incident', id }, incident.slack, incidentMessage(incident));
    for (const entry of await this.notices.unpostedIncidentEntries(id)) {
      await slack.post({ text: historyLine(entry), blocks: [] }, at);
      await this.record(() => this.notices.markPosted('incident_event', entry.seq));
    }
    if (slaBreached) await slack.post(slaAnnouncement(incident));
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
