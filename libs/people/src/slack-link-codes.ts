import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { PersonEntity, SlackLinkCodeEntity } from '@turbota/persistence';
import { SlackLinkCodeRefusedError, SlackUserTakenError } from './people.errors';
import { recordPersonChange } from './person-audit';
import { personProfile, type PersonProfile } from './person-view';
import { SignInThrottle } from './sign-in-throttle';
import { refuseTakenSlackUser, slackLinkRefusal } from './slack-user-link';

/** How long a Slack link code works. */
export const SLACK_LINK_CODE_LIFETIME_MS = 10 * 60_000;

/** What the person types in Slack, the code after it. */
export const SLACK_LINK_COMMAND = '/turbota link';

// 32 letters and digits that cannot be taken for one another (no I, O, 0, 1): a byte's low 5 bits pick one evenly.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const CODE = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

/** A new code, shown once and never stored, what to type in Slack, and when it stops working. */
export interface IssuedSlackLinkCode {
  code: string;
  command: string;
  expiresAt: Date;
}

/**
 * Links a person to the Slack user they control: the signed-in person asks for a one-time code
 * (8 characters, 10 minutes, stored only as its SHA-256, a new one replacing the old), and the
 * Slack user who sends it in a signed `/turbota link <code>` becomes theirs. Wrong codes count
 * against the Slack user in the sign-in throttle, so a code cannot be guessed; nobody is asked
 * anything of Slack.
 */
@Injectable()
export class SlackLinkCodes {
  private readonly logger = new Logger('SlackLinkCodes');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
  ) {}

  /** A new code for the person; their earlier one stops working. */
  async issue(personId: string): Promise<IssuedSlackLinkCode> {
    const createdAt = this.clock.now();
    const expiresAt = new Date(createdAt.getTime() + SLACK_LINK_CODE_LIFETIME_MS);
    for (let attempt = 1; ; attempt++) {
      const code = newSlackLinkCode();
      try {
        await this.dataSource.manager.upsert(SlackLinkCodeEntity, { personId, codeHash: slackLinkCodeHash(code), createdAt, expiresAt }, ['personId']);
        const shown = `${code.slice(0, 4)}-${code.slice(4)}`;
        return { code: shown, command: `${SLACK_LINK_COMMAND} ${shown}`, expiresAt };
      } catch (error) {
        // Another person's live code drew the same 40 bits: draw again.
        if (attempt < 3 && isCodeTaken(error)) continue;
        throw error;
      }
    }
  }

  /**
   * Links the Slack user to the active person whose unexpired code it is, and uses the code up.
   * SlackLinkCodeRefusedError for a wrong, expired or used code (counted against the Slack user),
   * SignInThrottledError once they have sent too many, SlackUserTakenError when another person
   * holds the Slack user (the code stays, for after they unlink).
   */
  async redeem(input: { code: string; slackUserId: string }): Promise<PersonProfile> {
    const pending = await this.throttle.beginSlackLink(input.slackUserId);
    const code = normalizedSlackLinkCode(input.code);
    try {
      const linked = code ? await this.link(code, input.slackUserId) : null;
      if (!linked) throw new SlackLinkCodeRefusedError();
      await this.throttle.succeeded(pending);
      this.logger.log(`Linked Slack user ${input.slackUserId} to person ${linked.id} by a code`);
      return linked;
    } catch (error) {
      // The code was right: only a wrong one counts.
      if (error instanceof SlackUserTakenError) await this.throttle.succeeded(pending);
      throw error;
    }
  }

  private link(code: string, slackUserId: string): Promise<PersonProfile | null> {
    return slackLinkRefusal(() =>
      this.dataSource.transaction(async (tx) => {
        const held = await tx.findOne(SlackLinkCodeEntity, { where: { codeHash: slackLinkCodeHash(code) }, lock: { mode: 'pessimistic_write' } });
        if (!held || held.expiresAt <= this.clock.now()) return null;
        const person = await tx.findOne(PersonEntity, { where: { id: held.personId }, lock: { mode: 'pessimistic_write' } });
        if (person?.status !== 'active') return null;
        await refuseTakenSlackUser(tx, person.id, slackUserId);
        await tx.delete(SlackLinkCodeEntity, { personId: person.id });
        await tx.update(PersonEntity, { id: person.id }, { slackUserId });
        await recordPersonChange(tx, { kind: 'person', id: person.id, name: person.displayName }, 'changed', person, { ...person, slackUserId });
        return personProfile({ ...person, slackUserId });
      }),
    );
  }
}

/** A new code: 8 characters of the alphabet, 40 random bits. */
export function newSlackLinkCode(): string {
  return [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

/** The code as typed (any case, spaces or a dash), as issued; null when it cannot be one. */
export function normalizedSlackLinkCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE.test(code) ? code : null;
}

function slackLinkCodeHash(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

function isCodeTaken(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === 'uq_slack_link_code_hash';
}
