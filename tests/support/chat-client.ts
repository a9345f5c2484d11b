import { randomUUID } from 'node:crypto';

/** A bubble as the web chat API returns it. */
export interface ChatMessage {
  id: string;
  from: 'bot' | 'customer';
  at: string;
  text?: string;
  prompt?: { kind: string; questionCode?: string; text?: string; options?: { code: string; label: string }[] };
}

/** What the page sends to open a session: a point's, a survey link's (with an e-mail's score), or the session it holds. */
export interface OpenSession {
  locale: string;
  point?: string;
  session?: string;
  link?: string;
  answer?: number;
}

/** Talks to the web chat API as the page does. */
export class ChatClient {
  session = '';

  constructor(private readonly baseUrl: string) {}

  async open(body: OpenSession): Promise<{ session: string; locale: string; messages: ChatMessage[] }> {
    const res = await this.openRaw(body);
    if (res.status !== 200) throw new Error(`open: ${res.status} ${await res.text()}`);
    const opened = (await res.json()) as { session: string; locale: string; messages: ChatMessage[] };
    this.session = opened.session;
    return opened;
  }

  /** Asks for a session as the page does, answering the response as it is. */
  openRaw(body: OpenSession): Promise<Response> {
    return this.post('/chat/api/sessions', body);
  }

  /** Sends one action; `id` defaults to a fresh one, pass the same to retry. */
  async send(input: Record<string, unknown>, id: string = randomUUID()): Promise<ChatMessage[]> {
    const res = await this.sendRaw({ id, input });
    if (res.status !== 200) throw new Error(`send: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { messages: ChatMessage[] }).messages;
  }

  sendRaw(body: unknown, session = this.session): Promise<Response> {
    return this.post(`/chat/api/sessions/${session}/inputs`, body);
  }

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }
}

/** The prompts of the bot's messages, in order. */
export const promptsOf = (messages: ChatMessage[]) => messages.filter((m) => m.from === 'bot').map((m) => m.prompt!);
