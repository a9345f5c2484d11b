import { EntityManager, QueryFailedError } from 'typeorm';
import { PersonEntity } from '@turbota/persistence';
import { SlackUserTakenError } from './people.errors';

/** Refuses a Slack user that another person has linked (the unique index stays the last word). */
export async function refuseTakenSlackUser(tx: EntityManager, personId: string, slackUserId: string): Promise<void> {
  const holder = await tx.findOne(PersonEntity, { where: { slackUserId } });
  if (holder && holder.id !== personId) throw new SlackUserTakenError();
}

/** The same refusal when two links of one Slack user raced past the check. */
export async function slackLinkRefusal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
    if (driverError?.code === '23505' && driverError.constraint === 'uq_person_slack_user_id') throw new SlackUserTakenError();
    throw error;
  }
}
