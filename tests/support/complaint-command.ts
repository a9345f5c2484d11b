import type { ChatClient } from './chat-client';

/**
 * One `/complain` in an open web chat session, all the way: the command, the words, "yes" to
 * being contacted, and a phone. Answers the bot's last messages.
 */
export async function complainByCommand(chat: ChatClient, complaint: { text: string; phone: string }) {
  await chat.send({ kind: 'command', command: 'complain' });
  await chat.send({ kind: 'text', text: complaint.text });
  await chat.send({ kind: 'choice', code: 'yes' });
  return chat.send({ kind: 'contact', phone: complaint.phone });
}
