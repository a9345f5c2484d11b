import { createHash, randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { type Locale } from '@turbota/common';
import { type CustomerAddress, ConversationService, UnknownAddressError } from '@turbota/conversations';
import type { DialogueInput } from '@turbota/dialogue';
import type { MessageEntity } from '@turbota/persistence';
import { CustomerPoints } from '@turbota/points';
import { KnownSessions } from './known-sessions';
import { WebChatLimits } from './web-chat-limits';
import type { ChatMessageView } from './web-chat.dto';

/** The channel name web chat conversations and answers carry. */
export const WEB_CHANNEL = 'web';

const TOKEN = /^wc_[A-Za-z0-9_-]{43}$/;

/**
 * Web chat sessions: the page holds a random token; the database knows only its hash, so a
 * leaked database cannot be used to write into someone's conversation.
 */
@Injectable()
export class WebChatService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly points: CustomerPoints,
    private readonly limits: WebChatLimits,
    private readonly known: KnownSessions,
  ) {}

  /**
   * Resumes the session of the token when it is known, or opens a new survey, at the point
   * when `point` names a registered one (`null`: something given that is no code).
   */
  async open(request: { locale: Locale; point?: string | null; session?: string }): Promise<{ session: string; messages: ChatMessageView[] }> {
    if (request.session && TOKEN.test(request.session)) {
      const transcript = await this.conversations.transcript(addressOf(request.session));
      if (transcript.length > 0) return { session: request.session, messages: await this.shown(transcript) };
    }
    const pointOfService = await this.points.accept(WEB_CHANNEL, request.point);
    const session = `wc_${randomBytes(32).toString('base64url')}`;
    const started = await this.conversations.start(addressOf(session), { locale: request.locale, pointOfService });
    return { session, messages: await this.shown(started.messages) };
  }

  /**
   * Applies one action of the page; a retried action (same id) gets the same messages back.
   * Past the session's budget: `InputBudgetExceededError`, nothing applied.
   */
  async send(session: string, action: { id: string; input: DialogueInput }): Promise<ChatMessageView[]> {
    if (!TOKEN.test(session)) throw new NotFoundException('No such chat session');
    try {
      const outcome = await this.conversations.handle(addressOf(session), { key: action.id, input: action.input, budget: this.limits.sessionBudget });
      return this.shown(outcome.messages);
    } catch (error) {
      if (error instanceof UnknownAddressError) throw new NotFoundException('No such chat session; open a new one');
      throw error;
    }
  }

  /** Whether the token is well formed and was issued (a session was opened with it). */
  async exists(session: string): Promise<boolean> {
    return TOKEN.test(session) && (await this.known.has(addressOf(session)));
  }

  /** Messages after the given sequence number, or the latest (for the event stream), oldest first, each with its number. */
  async after(session: string, lastSeq: string | undefined): Promise<{ seq: string; message: ChatMessageView }[]> {
    if (!TOKEN.test(session)) throw new NotFoundException('No such chat session');
    const transcript = await this.conversations.transcript(addressOf(session), lastSeq);
    const views = await this.shown(transcript);
    return transcript.map((m, i) => ({ seq: m.seq, message: views[i] }));
  }

  private async shown(messages: MessageEntity[]): Promise<ChatMessageView[]> {
    await this.conversations.markSent(messages.filter((m) => m.direction === 'out' && m.delivery === 'pending').map((m) => m.id));
    return messages.map(viewOf);
  }
}

function addressOf(session: string): CustomerAddress {
  return { channel: WEB_CHANNEL, address: createHash('sha256').update(session).digest('hex') };
}

function viewOf(message: MessageEntity): ChatMessageView {
  const at = message.createdAt.toISOString();
  if (message.direction === 'in') return { id: message.id, from: 'customer', at, text: (message.body as { text: string }).text };
  return { id: message.id, from: 'bot', at, prompt: message.body };
}
