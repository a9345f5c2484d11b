import type { ChatClient } from './chat-client';

/**
 * One `/complain` in an open web chat session, all the way: the command, the words, and a phone
 * (giving it is the consent). Answers the bot's last messages.
 */
export async function complainByCommand(chat: ChatClient, complaint: { text: string; phone: string }) {
  await chat.send({ kind: 'command', command: 'complain' });
  await chat.send({ kind: 'text', text: complaint.text });
  return chat.send({ kind: 'contact', phone: complaint.phone });
}
