import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Clock, CLOCK } from '@turbota/common';
import { SUPERVISORS_SLACK, type SupervisorsSlack } from './supervisors-slack';

/** Whether a Slack user may act as a supervisor, and if not, why (what they are told differs). */
export type SupervisorCheck = { allowed: true } | { allowed: false; reason: 'not_a_supervisor' | 'unverified' };

/** How long a list read from Slack answers without asking again. */
export const MEMBERS_FRESH_MS = 60_000;
/** A user not on the list makes Turbota ask Slack again, at most this often (someone just added works at once). */
export const MISS_REFRESH_MS = 5_000;

const ALLOWED: SupervisorCheck = { allowed: true };
const NOT_A_SUPERVISOR: SupervisorCheck = { allowed: false, reason: 'not_a_supervisor' };
const UNVERIFIED: SupervisorCheck = { allowed: false, reason: 'unverified' };

interface Members {
  ids: ReadonlySet<string>;
  readAt: number;
}

/**
 * Who the supervisors are, until Turbota has its own people: the members of SLACK_SUPERVISOR_GROUP
 * when it is set, or else of the escalation channel (where the incidents are posted anyway).
 * Read from Slack and kept for a minute, so a button press costs no Slack call; asked again
 * when someone is not on it. When Slack cannot answer and the list is older than a minute,
 * nobody is admitted: a failure never lets anyone in.
 */
@Injectable()
export class SupervisorDirectory {
  private readonly logger = new Logger('SupervisorDirectory');
  private members: Members | null = null;
  private reading: Promise<Members | null> | null = null;
  private lastAttempt = -Infinity;

  constructor(
    @Inject(SUPERVISORS_SLACK) private readonly slack: SupervisorsSlack | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(userId: string | undefined): Promise<SupervisorCheck> {
    if (!this.slack || !userId) return NOT_A_SUPERVISOR;
    const now = this.clock.now().getTime();
    const fresh = this.members && now - this.members.readAt < MEMBERS_FRESH_MS ? this.members : null;
    if (fresh?.ids.has(userId)) return ALLOWED;
    // Not on a fresh list (or no list): ask Slack, unless it was asked a moment ago.
    const members = this.reading ? await this.reading : now - this.lastAttempt >= MISS_REFRESH_MS ? await this.refresh(now) : fresh;
    if (!members) return UNVERIFIED;
    return members.ids.has(userId) ? ALLOWED : NOT_A_SUPERVISOR;
  }

  /** Reads the list once for every caller waiting on it; null when Slack did not answer. */
  private refresh(now: number): Promise<Members | null> {
    this.reading ??= this.read(now).finally(() => (this.reading = null));
    return this.reading;
  }

  private async read(now: number): Promise<Members | null> {
    this.lastAttempt = now;
    const { channel, supervisorGroup } = this.slack!.settings;
    try {
      const ids = supervisorGroup ? await this.slack!.userGroupMembers(supervisorGroup) : await this.slack!.conversationMembers(channel);
      this.members = { ids: new Set(ids), readAt: now };
      return this.members;
    } catch (error) {
      const source = supervisorGroup ? `user group ${supervisorGroup}` : `channel ${channel}`;
      this.logger.warn(`Could not read the supervisors (members of ${source}) from Slack: ${(error as Error).message}`);
      return null;
    }
  }
}
