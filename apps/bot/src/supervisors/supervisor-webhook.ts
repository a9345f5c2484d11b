import { BadRequestException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@turbota/common';
import { type Actor, IncidentService, VersionConflictError } from '@turbota/incidents';
import { CHANNEL_ADAPTERS, type ChannelAdapters } from '../channels/channel-adapter';
import { ChannelSendError } from '../channels/send-errors';
import { BUTTON_ACTIONS, type ButtonAction, BUTTONS_BLOCK_PREFIX, incidentRef } from './incident-blocks';
import { incidentModal, readSubmission, SUBMISSION_ERROR_BLOCK, type SubmittedView } from './incident-modals';
import { SlackActors } from './slack-actors';
import { literal } from './slack-text';
import { SlashCommand } from './slash-command';
import { type SupervisorCheck, SupervisorDirectory } from './supervisor-directory';
import { respondEphemeral, SUPERVISORS_SLACK, type SupervisorsSettings, type SupervisorsSlack } from './supervisors-slack';

/** The parts of Slack's interaction payloads the supervisors use. */
interface Interaction {
  type: string;
  user?: { id?: string; name?: string; username?: string };
  trigger_id?: string;
  response_url?: string;
  channel?: { id?: string };
  container?: { channel_id?: string };
  actions?: { action_id?: string; block_id?: string; value?: string }[];
  view?: SubmittedView;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The supervisors' side of `POST /webhooks/slack`: incident buttons, the resolve and reject
 * modals, and the slash command. Verified by the Slack channel's signature check first (a
 * forged or stale request changes nothing); a transition is applied before Slack is answered,
 * and the incident's message follows through the notice sender. Buttons carry the version
 * they were drawn for, so a retried delivery (X-Slack-Retry-Num) or a press on an old message
 * never applies twice. Only supervisors (see {@link SupervisorDirectory}) get past the signature:
 * anyone else is told so, to them alone, and nothing changes.
 */
@Injectable()
export class SupervisorWebhook {
  private readonly logger = new Logger('SupervisorSlack');

  constructor(
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    private readonly incidents: IncidentService,
    private readonly command: SlashCommand,
    private readonly directory: SupervisorDirectory,
    private readonly actors: SlackActors,
  ) {}

  /** Whether a request is the supervisors' (the rest stays with the customers' Slack channel). */
  claims(body: unknown): boolean {
    if (!this.slack || !this.adapters.has('slack')) return false;
    const form = (body ?? {}) as { command?: unknown; payload?: unknown };
    if (typeof form.command === 'string') return true;
    const payload = typeof form.payload === 'string' ? parseInteraction(form.payload) : null;
    // Read before the signature is checked: anything may be in it, so only strings count.
    const claimed = (id: unknown) => typeof id === 'string' && id.startsWith('incident.');
    if (payload?.type === 'block_actions') return Array.isArray(payload.actions) && claimed(payload.actions[0]?.action_id);
    if (payload?.type === 'view_submission' || payload?.type === 'view_closed') return claimed(payload.view?.callback_id);
    return false;
  }

  async receive(request: Request & { rawBody?: Buffer }): Promise<unknown> {
    const verified = await this.adapters.get('slack')!.verify({ headers: request.headers, rawBody: request.rawBody, body: request.body });
    if (!verified) throw new UnauthorizedException('The request does not carry a valid slack signature');
    const retried = request.headers['x-slack-retry-num'] !== undefined;
    const form = request.body as { command?: string; text?: string; payload?: string; user_id?: string };
    if (typeof form.command === 'string') {
      const userId = typeof form.user_id === 'string' ? form.user_id : undefined;
      const check = await this.directory.check(userId);
      if (!check.allowed) return { response_type: 'ephemeral', text: refusalText(check, `use ${literal(form.command || '/turbota')}`, this.slack!.settings) };
      // Allowed, so Slack named the user.
      return this.command.answer({ command: form.command, text: form.text, userId: userId!, locale: await this.actors.localeOf(userId!) });
    }
    const payload = parseInteraction(form.payload ?? '');
    if (!payload) throw new BadRequestException('payload: not a Slack interaction');
    if (payload.type !== 'block_actions' && payload.type !== 'view_submission') return {};
    const check = await this.directory.check(typeof payload.user?.id === 'string' ? payload.user.id : undefined);
    if (!check.allowed) return this.refuse(payload, check);
    if (payload.type === 'block_actions') return this.onButton(payload, retried);
    return this.onSubmission(payload, retried);
  }

  /** Tells a user who is not a supervisor, on the surface they used, that nothing was done. */
  private refuse(payload: Interaction, check: Exclude<SupervisorCheck, { allowed: true }>): unknown {
    if (payload.type === 'view_submission') {
      const action = payload.view?.callback_id?.includes('reject') ? 'reject' : 'resolve';
      return { response_action: 'errors', errors: { [SUBMISSION_ERROR_BLOCK]: refusalText(check, `${action} incidents`, this.slack!.settings) } };
    }
    const action = payload.actions?.[0]?.action_id?.slice('incident.'.length) as ButtonAction;
    this.tell(payload, refusalText(check, BUTTON_ACTIONS.includes(action) ? `${action} incidents` : 'handle incidents', this.slack!.settings));
    return {};
  }

  private async onButton(payload: Interaction, retried: boolean): Promise<unknown> {
    const [pressed] = payload.actions ?? [];
    const action = pressed?.action_id?.slice('incident.'.length) as ButtonAction;
    if (!BUTTON_ACTIONS.includes(action)) throw new BadRequestException(`action_id: ${pressed?.action_id} is not an incident action`);
    if (!pressed.value || !UUID.test(pressed.value)) throw new BadRequestException('value: must be an incident id');
    const drawn = pressed.block_id?.startsWith(BUTTONS_BLOCK_PREFIX) ? Number(pressed.block_id.slice(BUTTONS_BLOCK_PREFIX.length)) : undefined;
    const expectedVersion = Number.isInteger(drawn) ? drawn : undefined;
    try {
      if (action === 'resolve' || action === 'reject') {
        // A trigger_id works once and for 3 s: a retried delivery cannot open the modal again.
        if (!retried) await this.openModal(action, pressed.value, payload.trigger_id);
      } else {
        await this.incidents.transition(pressed.value, { action, actor: await this.actorOf(payload), expectedVersion });
      }
    } catch (error) {
      // Slack would not open the form (an expired trigger_id): the user may press again.
      if (error instanceof ChannelSendError) this.tell(payload, `:warning: Slack did not open the form (${error.message}); press the button again`);
      else if (!(error instanceof DomainError)) throw error;
      // A retry of a press that did apply finds the incident moved on: it is not news to the user.
      else if (!(retried && error instanceof VersionConflictError)) this.tell(payload, refusalOf(error));
    }
    return {};
  }

  private async onSubmission(payload: Interaction, retried: boolean): Promise<unknown> {
    const submission = readSubmission(payload.view ?? {});
    if (!submission.ok) return { response_action: 'errors', errors: submission.errors };
    const { action, incidentId, expectedVersion, note, justified } = submission;
    try {
      await this.incidents.transition(incidentId, { action, actor: await this.actorOf(payload), note, justified, expectedVersion });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (retried && error instanceof VersionConflictError) return {};
      return { response_action: 'errors', errors: { [SUBMISSION_ERROR_BLOCK]: refusalOf(error) } };
    }
    return {};
  }

  /** Who pressed or submitted: the person linked to the Slack user, else the Slack user. */
  private actorOf(payload: Interaction): Promise<Actor> {
    const user = payload.user;
    if (!user?.id) throw new BadRequestException('user: a Slack interaction needs the user who made it');
    const name = user.name ?? user.username;
    return this.actors.actorOf({ id: user.id, ...(name ? { name } : {}) });
  }

  private async openModal(action: 'resolve' | 'reject', id: string, triggerId: string | undefined): Promise<void> {
    if (!triggerId) throw new BadRequestException('trigger_id: is required to open the form');
    const incident = await this.incidents.get(id, { revealContacts: false });
    if (!incident.allowedActions.includes(action)) {
      throw new BadRequestException(`${incidentRef(incident)} is ${incident.status.replace('_', ' ')}: it cannot be ${action === 'resolve' ? 'resolved' : 'rejected'} now`);
    }
    await this.slack!.openView(triggerId, incidentModal(action, incident));
  }

  /**
   * Tells the one who pressed, and nobody else, after Slack has its answer: through the press's
   * response_url, or chat.postEphemeral in its channel. A failure here only costs the notice.
   */
  private tell(payload: Interaction, text: string): void {
    const responseUrl = payload.response_url;
    const channel = payload.channel?.id ?? payload.container?.channel_id;
    // Only Slack's own hooks (or the Web API host, which tests and staging point elsewhere) get a request from us.
    const answered =
      responseUrl && URL.canParse(responseUrl) && this.slack!.answersAt(new URL(responseUrl))
        ? respondEphemeral(responseUrl, text)
        : channel && payload.user?.id
          ? this.slack!.postEphemeral(channel, payload.user.id, text)
          : null;
    answered?.catch((error: unknown) => this.logger.warn(`Could not answer a button press: ${(error as Error).message}`));
  }
}

function parseInteraction(raw: string): Interaction | null {
  try {
    const parsed = JSON.parse(raw) as Interaction;
    return typeof parsed?.type === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** What someone who may not act is told: plain words (a modal shows no markup), and what to do about it. */
function refusalText(check: Exclude<SupervisorCheck, { allowed: true }>, what: string, settings: SupervisorsSettings): string {
  if (check.reason === 'unverified') return ':warning: Turbota could not check with Slack who the supervisors are, so nothing was done. Try again in a minute.';
  const who = settings.supervisorGroup ? "the members of the supervisors' Slack user group" : 'the members of the escalation channel';
  return `:no_entry: Only supervisors can ${what}, and nothing was done. Supervisors are ${who}: ask an administrator to add you.`;
}

function refusalOf(error: DomainError): string {
  return `:warning: ${error.message}`;
}
