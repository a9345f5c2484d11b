import { Injectable } from '@nestjs/common';
import type { Locale } from '@turbota/common';
import { IncidentService } from '@turbota/incidents';
import { SignInThrottledError, SlackLinkCodeRefusedError, SlackLinkCodes, SlackUserTakenError } from '@turbota/people';
import { incidentMessage } from './incident-blocks';
import { SLASH_COMMAND_TEXTS } from './slash-command-texts';
import { literal, section, type SlackMessage } from './slack-text';
import { type QuickStats, SupervisorStats } from './supervisor-stats';

/** A slash command as Slack posts it (form-encoded), from a signed request. */
export interface SlashCommandRequest {
  command: string;
  text?: string;
  /** The Slack user who typed it (`user_id`). */
  userId: string;
  /** The asker's language (the answer's, and the standard's tasks'): their person's when linked, else DEFAULT_LOCALE. */
  locale: Locale;
}

/** What Slack shows the one who typed the command, and nobody else. */
export type EphemeralAnswer = SlackMessage & { response_type: 'ephemeral' };

const INCIDENT_NUMBER = /^(?:inc-?)?(\d{1,10})$/i;
const LINK = /^link(?:\s+(.*))?$/is;

/** `/turbota stats`, `/turbota INC-42` (or `42`), `/turbota link <code>`, and a short help for anything else. */
@Injectable()
export class SlashCommand {
  constructor(
    private readonly stats: SupervisorStats,
    private readonly incidents: IncidentService,
    private readonly slackLinkCodes: SlackLinkCodes,
  ) {}

  async answer(request: SlashCommandRequest): Promise<EphemeralAnswer> {
    const text = (request.text ?? '').trim();
    if (/^stats$/i.test(text)) return ephemeral(statsText(await this.stats.read()));
    const number = INCIDENT_NUMBER.exec(text);
    if (number) return this.lookup(Number(number[1]), request.locale);
    const link = LINK.exec(text);
    if (link) return this.link(link[1]?.trim() ?? '', request);
    return ephemeral(SLASH_COMMAND_TEXTS[request.locale].help(commandName(request)));
  }

  private async lookup(number: number, locale: Locale): Promise<EphemeralAnswer> {
    // Masked, as everywhere in Slack.
    const incident = await this.incidents.findByNumber(number, { revealContacts: false, tasksLocale: locale });
    if (!incident) return ephemeral(SLASH_COMMAND_TEXTS[locale].noIncident(number));
    return { response_type: 'ephemeral', ...incidentMessage(incident, { buttons: false }) };
  }

  /** Links the Slack user who typed the code (the signed request's) to the person whose code it is. */
  private async link(code: string, request: SlashCommandRequest): Promise<EphemeralAnswer> {
    const texts = SLASH_COMMAND_TEXTS[request.locale];
    if (!code) return ephemeral(texts.linkUsage(commandName(request)));
    try {
      const person = await this.slackLinkCodes.redeem({ code, slackUserId: request.userId });
      return ephemeral(SLASH_COMMAND_TEXTS[person.locale ?? request.locale].linked(literal(person.displayName)));
    } catch (error) {
      if (error instanceof SlackLinkCodeRefusedError) return ephemeral(texts.linkCodeRefused);
      if (error instanceof SlackUserTakenError) return ephemeral(texts.linkTaken);
      if (error instanceof SignInThrottledError) return ephemeral(texts.linkThrottled(Math.ceil(error.retryAfterSeconds / 60)));
      throw error;
    }
  }
}

/** The stats answer: NPS with its 95% interval and sample size, then incidents by status. */
export function statsText(stats: QuickStats): string {
  const { nps } = stats;
  const signed = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
  const score =
    nps.value === null
      ? `no NPS answers in the last ${stats.days} days`
      : `NPS *${signed(nps.value)}* (95% interval ${signed(nps.ci95[0])} … ${signed(nps.ci95[1])}), n = ${nps.n}: ${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors`;
  const incidents = Object.entries(stats.incidents)
    .map(([status, n]) => `${status.replace('_', ' ')} ${n}`)
    .join(' · ');
  return `*Last ${stats.days} days* · ${score}\n*Incidents* · ${incidents}`;
}

/** The command's name as Slack sent it (an installation may name it otherwise), shown literally. */
function commandName(request: SlashCommandRequest): string {
  return literal(request.command || '/turbota');
}

function ephemeral(text: string): EphemeralAnswer {
  return { response_type: 'ephemeral', text, blocks: [section(text)] };
}
