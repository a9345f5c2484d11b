import { Injectable } from '@nestjs/common';
import { IncidentService } from '@turbota/incidents';
import { incidentMessage } from './incident-blocks';
import { literal, section, type SlackMessage } from './slack-text';
import { type QuickStats, SupervisorStats } from './supervisor-stats';

/** A slash command as Slack posts it (form-encoded). */
export interface SlashCommandRequest {
  command: string;
  text?: string;
}

/** What Slack shows the one who typed the command, and nobody else. */
export type EphemeralAnswer = SlackMessage & { response_type: 'ephemeral' };

const INCIDENT_NUMBER = /^(?:inc-?)?(\d{1,10})$/i;

/** `/turbota stats`, `/turbota INC-42` (or `42`), and a short help for anything else. */
@Injectable()
export class SlashCommand {
  constructor(
    private readonly stats: SupervisorStats,
    private readonly incidents: IncidentService,
  ) {}

  async answer(request: SlashCommandRequest): Promise<EphemeralAnswer> {
    const text = (request.text ?? '').trim();
    if (/^stats$/i.test(text)) return ephemeral(statsText(await this.stats.read()));
    const number = INCIDENT_NUMBER.exec(text);
    if (number) return this.lookup(Number(number[1]));
    return ephemeral(helpText(request.command));
  }

  private async lookup(number: number): Promise<EphemeralAnswer> {
    // Masked, as everywhere in Slack.
    const incident = await this.incidents.findByNumber(number, { revealContacts: false });
    if (!incident) return ephemeral(`There is no incident INC-${number}.`);
    return { response_type: 'ephemeral', ...incidentMessage(incident, { buttons: false }) };
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

function helpText(command: string): string {
  const name = literal(command || '/turbota');
  return `Try \`${name} stats\` for NPS over the last 7 days and incidents by status, or \`${name} INC-42\` (or \`${name} 42\`) for an incident's summary.`;
}

function ephemeral(text: string): EphemeralAnswer {
  return { response_type: 'ephemeral', text, blocks: [section(text)] };
}
