import type { HomeView } from '@slack/types';
import type { Locale } from '@turbota/common';
import type { IncidentView } from '@turbota/incidents';
import { APP_HOME_TEXTS, type AppHomeTexts } from './app-home-texts';
import { buttonsBlockId, incidentButtons, incidentRef } from './incident-blocks';
import { type Block, clip, context, literal, plain, section, slackDate } from './slack-text';

/** The incidents a Home lists in one section at most: two blocks each keeps the view under Slack's 100 blocks. */
export const HOME_SECTION_LIMIT = 20;

/** One section of the Home: the incidents shown, and whether there are more than those. */
export interface HomeSection {
  incidents: IncidentView[];
  more: boolean;
}

/** What a supervisor's Home lists: their open incidents, and the open ones nobody owns. */
export interface SupervisorHome {
  locale: Locale;
  mine: HomeSection;
  unowned: HomeSection;
  /** A line shown above the lists (why a press from the Home did nothing). */
  notice?: string;
}

/**
 * A supervisor's App Home: per incident its number, priority, status, next SLA deadline (shown in
 * the viewer's time zone) and reason, with the incident message's buttons. Never a contact,
 * never the customer's words: the Home is a worklist, the message in the channel the detail.
 */
export function supervisorHomeView(home: SupervisorHome): HomeView {
  const texts = APP_HOME_TEXTS[home.locale];
  const blocks: Block[] = [{ type: 'header', text: plain(texts.title) }];
  if (home.notice) blocks.push(section(home.notice));
  blocks.push(...sectionBlocks(texts.mine, home.mine, texts.noneMine, texts), { type: 'divider' }, ...sectionBlocks(texts.unowned, home.unowned, texts.noneUnowned, texts));
  return { type: 'home', blocks };
}

/** What anyone else who opens the Home sees: whom it is for (or that Slack could not say who the supervisors are). */
export function notForYouView(locale: Locale, reason: 'not_a_supervisor' | 'unverified' = 'not_a_supervisor'): HomeView {
  const texts = APP_HOME_TEXTS[locale];
  return { type: 'home', blocks: [{ type: 'header', text: plain(texts.title) }, section(reason === 'unverified' ? texts.unverified : texts.notForYou)] };
}

/** The deadline an open incident works to next: acknowledging while it is new, then resolving. */
export function nextDeadlineOf(incident: Pick<IncidentView, 'status' | 'acknowledgeBy' | 'resolveBy'>): { what: 'acknowledge' | 'resolve'; at: Date } {
  return incident.status === 'new' ? { what: 'acknowledge', at: incident.acknowledgeBy } : { what: 'resolve', at: incident.resolveBy };
}

function sectionBlocks(title: string, part: HomeSection, none: string, texts: AppHomeTexts): Block[] {
  const blocks: Block[] = [section(`*${title}*`)];
  if (!part.incidents.length) return [...blocks, context(none)];
  for (const incident of part.incidents.slice(0, HOME_SECTION_LIMIT)) blocks.push(...incidentBlocks(incident, texts));
  if (part.more || part.incidents.length > HOME_SECTION_LIMIT) blocks.push(context(texts.more));
  return blocks;
}

function incidentBlocks(incident: IncidentView, texts: AppHomeTexts): Block[] {
  const deadline = nextDeadlineOf(incident);
  const when = slackDate(deadline.at);
  const sla = deadline.what === 'acknowledge' ? texts.acknowledgeBy(when) : texts.resolveBy(when);
  const lines = [
    `*${incidentRef(incident)}* · ${texts.priority[incident.priority]} · ${texts.status[incident.status]}`,
    `SLA: ${sla}${incident.breached ? ` · ${texts.breached}` : ''}`,
    `${texts.reason}: ${literal(clip(incident.reasonCode ?? '—', 200))}`,
  ];
  const blocks: Block[] = [section(lines.join('\n'))];
  const buttons = incidentButtons(incident);
  if (buttons.length) blocks.push({ type: 'actions', block_id: buttonsBlockId(incident, { shared: true }), elements: buttons });
  return blocks;
}
