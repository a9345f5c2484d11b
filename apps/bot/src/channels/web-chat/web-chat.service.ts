import { createHash, randomBytes } from 'node:crypto';
import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { type Locale } from '@turbota/common';
import { type CustomerAddress, ConversationService, UnknownAddressError } from '@turbota/conversations';
import type { DialogueInput } from '@turbota/dialogue';
import type { MessageEntity } from '@turbota/persistence';
import { CustomerPoints } from '@turbota/points';
import { SurveyLinks } from '@turbota/triggers';
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
    private readonly links: SurveyLinks,
  ) {}

  /**
   * Resumes the session of the token when it is known, or opens a new survey, at the point
   * when `point` names a registered one (`null`: something given that is no code).
   */
  async open(request: { locale: Locale; point?: string | null; session?: string; link?: string; answer?: number }): Promise<{ session: string; messages: ChatMessageView[] }> {
    if (request.link !== undefined) return this.openLink(request.link, request.session, request.answer);
    if (request.session && TOKEN.test(request.session)) {
      const transcript = await this.conversations.transcript(addressOf(request.session));
      if (transcript.length > 0) return { session: request.session, messages: await this.shown(transcript) };
    }
    const pointOfService = await this.points.accept(WEB_CHANNEL, request.point);
    const session = newSession();
    const started = await this.conversations.start(addressOf(session), { locale: request.locale, pointOfService });
    return { session, messages: await this.shown(started.messages) };
  }

  /**
   * Opens a contact's personal survey link (`/chat/s/<token>`): its survey starts in a new
   * session, or goes on in the session that opened it (the page keeps it per link). Opened
   * elsewhere, or past its time: 410; no such link: 404.
   */
  private async openLink(token: string, stored: string | undefined, answer: number | undefined): Promise<{ session: string; messages: ChatMessageView[] }> {
    if (stored && TOKEN.test(stored)) {
      const again = await this.links.open(token, addressOf(stored));
      if (again.kind === 'resumed') return { session: stored, messages: await this.shown(await this.conversations.transcript(addressOf(stored))) };
      if (again.kind === 'opened') return { session: stored, messages: await this.shown(await this.answered(stored, again.outcome.messages, answer)) };
    }
    const session = newSession();
    const opening = await this.links.open(token, addressOf(session));
    switch (opening.kind) {
      case 'opened':
        return { session, messages: await this.shown(await this.answered(session, opening.outcome.messages, answer)) };
      case 'resumed':
      case 'used':
        throw new GoneException('This survey was already opened in another browser or messenger');
      case 'expired':
        throw new GoneException('This survey has ended');
      case 'unknown':
        throw new NotFoundException('No survey has this link');
    }
  }

  /**
   * The score an e-mail's button gave, applied to the survey just opened as the customer's tap
   * on its first question would be: the opening's messages and what the answer brought. A score
   * the question does not take (10 on a CSAT's 1-5) is refused by the dialogue, and the
   * question waits for the customer.
   */
  private async answered(session: string, opened: MessageEntity[], answer: number | undefined): Promise<MessageEntity[]> {
    if (answer === undefined) return opened;
    const outcome = await this.conversations.handle(addressOf(session), { key: `link-answer:${session}`, input: { kind: 'scale', value: answer } });
    return [...opened, ...outcome.messages];
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

/** A new session's token: 32 random bytes the page keeps; the database knows only its hash. */
function newSession(): string {
  return `wc_${randomBytes(32).toString('base64url')}`;
}

function addressOf(session: string): CustomerAddress {
  return { channel: WEB_CHANNEL, address: createHash('sha256').update(session).digest('hex') };
}

function viewOf(message: MessageEntity): ChatMessageView {
  const at = message.createdAt.toISOString();
  if (message.direction === 'in') return { id: message.id, from: 'customer', at, text: (message.body as { text: string }).text };
  return { id: message.id, from: 'bot', at, prompt: message.body };
}
