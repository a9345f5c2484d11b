import type { EntityManager } from 'typeorm';
import { executeTakeFirst, qb } from '@turbota/persistence';

/** Whether the invitee answered anything in the conversation. */
export async function hasAnswers(tx: EntityManager, conversationId: string): Promise<boolean> {
  return (await executeTakeFirst(tx, qb.selectFrom('answer').select('id').where('conversation_id', '=', conversationId).limit(1))) !== undefined;
}
