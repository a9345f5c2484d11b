import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import type { App } from '@slack/bolt';
import { DomainError } from '@turbota/common';
import { type Actor, IncidentService, VersionConflictError } from '@turbota/incidents';
import { ChannelSendError } from '../channels/send-errors';
import type { ListenerRunner } from '../channels/slack/slack-router';
import { BUTTON_ACTIONS, type ButtonAction, drawnVersionOf, incidentRef } from './incident-blocks';
import { AppHome } from './app-home';
import { incidentModal, readSubmission, SUBMISSION_ERROR_BLOCK, type SubmittedView } from './incident-modals';
import { SlackActors } from './slack-actors';
import { literal } from './slack-text';
import { type EphemeralAnswer, SlashCommand } from './slash-command';
import { type SupervisorCheck, SupervisorDirectory } from './supervisor-directory';
import { respondEphemeral, SUPERVISORS_SLACK, type SupervisorsSettings, type SupervisorsSlack } from './supervisors-slack';

/** The parts of Slack's interaction payloads the supervisors use. */
interface Interaction {
  type: string;
  user?: { id?: string; name?: string; username?: string };
  trigger_id?: string;
  response_url?: string;
  channel?: { id?: string };
  /** Where the pressed button is: a message (`channel_id`), or a view such as the App Home (`type: 'view'`). */
  container?: { type?: string; channel_id?: string };
  actions?: { action_id?: string; block_id?: string; value?: string }[];
  view?: SubmittedView;
}

/** What a modal's submission is answered: the errors it shows, or nothing, which closes it. */
type SubmissionAnswer = { response_action: 'errors'; errors: Record<string, string> } | undefined;

const ANY_COMMAND = /.*/;
const INCIDENT_ID = /^incident\./;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The supervisors' side of `POST /webhooks/slack`: incident buttons, the resolve and reject
 * modals, and the slash command, as the Slack app routes them here by id (see {@link listen}).
 * The request was verified by the Slack channel's signature check first (a forged or stale one
 * changes nothing); a transition is applied before Slack is answered, and the incident's message
 * follows through the notice sender. Buttons carry the version they were drawn for, so a
 * retried delivery (X-Slack-Retry-Num) or a press on an old message never applies twice. Only
 * supervisors (see {@link SupervisorDirectory}) get further: anyone else is told so, to them
 * alone, and nothing changes.
 */
@Injectable()
export class SupervisorWebhook {
  private readonly logger = new Logger('SupervisorSlack');

  constructor(
    @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    private readonly incidents: IncidentService,
    private readonly command: SlashCommand,
    private readonly directory: SupervisorDirectory,
    private readonly actors: SlackActors,
    private readonly home: AppHome,
  ) {}

  /**
   * Registers the supervisors' listeners on the Slack app, when their Slack is on: the slash
   * command (any name, as an installation may rename it), `incident.*` buttons (in the channel's
   * messages and on the App Home), modal submissions and the App Home being opened. A closed
   * modal has no listener: it is answered `{}` and changes nothing.
   */
  listen(app: App, run: ListenerRunner): void {
    if (!this.slack) return;
    app.command(ANY_COMMAND, ({ command, ack }) => run(async () => ack(await this.onCommand(command))));
    app.action(INCIDENT_ID, ({ body, ack, context }) =>
      run(async () => {
        await this.onAction(body as Interaction, context.retryNum !== undefined);
        await ack();
      }),
    );
    // Only the Home tab: the Messages tab opens the app's direct messages, the customers' side.
    app.event('app_home_opened', ({ event }) => run(async () => (event.tab === 'home' ? this.home.opened(event.user) : undefined)));
    app.view(INCIDENT_ID, ({ body, ack, context }) => run(async () => ack(await this.onSubmission(body, context.retryNum !== undefined))));
  }

  /** The slash command's answer, shown to the one who typed it only. */
  async onCommand(form: { command: string; text?: string; user_id?: string }): Promise<EphemeralAnswer | { response_type: 'ephemeral'; text: string }> {
    const userId = typeof form.user_id === 'string' ? form.user_id : undefined;
    const check = await this.directory.check(userId);
    if (!check.allowed) return { response_type: 'ephemeral', text: refusalText(check, `use ${literal(form.command || '/turbota')}`, this.slack!.settings) };
    // Allowed, so Slack named the user.
    return this.command.answer({ command: form.command, text: form.text, userId: userId!, locale: await this.actors.localeOf(userId!) });
  }

  /** An incident button: applied, or the one who pressed is told why not. */
  async onAction(payload: Interaction, retried: boolean): Promise<void> {
    const check = await this.directory.check(typeof payload.user?.id === 'string' ? payload.user.id : undefined);
    if (!check.allowed) return this.refuse(payload, check);
    return this.onButton(payload, retried);
  }

  /** A resolve or reject modal submitted: applied and closed, or the modal shows what is wrong. */
  async onSubmission(payload: Interaction, retried: boolean): Promise<SubmissionAnswer> {
    const check = await this.directory.check(typeof payload.user?.id === 'string' ? payload.user.id : undefined);
    if (!check.allowed) {
      const action = payload.view?.callback_id?.includes('reject') ? 'reject' : 'resolve';
      return { response_action: 'errors', errors: { [SUBMISSION_ERROR_BLOCK]: refusalText(check, `${action} incidents`, this.slack!.settings) } };
    }
    return this.transitionSubmitted(payload, retried);
  }

  /** Tells one who pressed a button and is not a supervisor, to them alone, that nothing was done. */
  private refuse(payload: Interaction, check: Exclude<SupervisorCheck, { allowed: true }>): void {
    const action = payload.actions?.[0]?.action_id?.slice('incident.'.length) as ButtonAction;
    this.tell(payload, refusalText(check, BUTTON_ACTIONS.includes(action) ? `${action} incidents` : 'handle incidents', this.slack!.settings));
  }

  private async onButton(payload: Interaction, retried: boolean): Promise<void> {
    const [pressed] = payload.actions ?? [];
    const action = pressed?.action_id?.slice('incident.'.length) as ButtonAction;
    if (!BUTTON_ACTIONS.includes(action)) throw new BadRequestException(`action_id: ${pressed?.action_id} is not an incident action`);
    if (!pressed.value || !UUID.test(pressed.value)) throw new BadRequestException('value: must be an incident id');
    const expectedVersion = drawnVersionOf(pressed.block_id);
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
  }

  /** Applies a submitted modal; answers the errors it shows, or nothing (the modal closes). */
  private async transitionSubmitted(payload: Interaction, retried: boolean): Promise<SubmissionAnswer> {
    const submission = readSubmission(payload.view ?? {});
    if (!submission.ok) return { response_action: 'errors', errors: submission.errors };
    const { action, incidentId, expectedVersion, note, justified } = submission;
    try {
      await this.incidents.transition(incidentId, { action, actor: await this.actorOf(payload), note, justified, expectedVersion });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (retried && error instanceof VersionConflictError) return undefined;
      return { response_action: 'errors', errors: { [SUBMISSION_ERROR_BLOCK]: refusalOf(error) } };
    }
    return undefined;
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
    // A press on the App Home has no channel nor response_url: the Home itself says it, above the lists.
    if (payload.container?.type === 'view' && payload.user?.id) return void this.home.opened(payload.user.id, { notice: text });
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

/** What someone who may not act is told: plain words (a modal shows no markup), and what to do about it. */
function refusalText(check: Exclude<SupervisorCheck, { allowed: true }>, what: string, settings: SupervisorsSettings): string {
  if (check.reason === 'unverified') return ':warning: Turbota could not check with Slack who the supervisors are, so nothing was done. Try again in a minute.';
  const who = settings.supervisorGroup ? "the members of the supervisors' Slack user group" : 'the members of the escalation channel';
  return `:no_entry: Only supervisors can ${what}, and nothing was done. Supervisors are ${who}: ask an administrator to add you.`;
}

function refusalOf(error: DomainError): string {
  return `:warning: ${error.message}`;
}
