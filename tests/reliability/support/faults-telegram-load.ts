import type { DataSource } from 'typeorm';
import { seededRandom } from '@turbota/common';
import { telegramUpdate } from '../../support/telegram-fixtures';
import type { FakeTelegram } from '../../support/fake-telegram';
import { postTelegramUpdate } from '../../support/webhooks';

/** One update as the platform delivered it: every attempt's answer (HTTP status or a network error). */
export interface UpdateDelivery {
  chat: number;
  updateId: number;
  attempts: { at: number; status: number | 'refused' }[];
  ackedAt?: number;
}

/** A customer of the load: their chat and the updates they send, in order. */
export interface LoadCustomer {
  chat: number;
  updates: { updateId: number; body: unknown }[];
}

/**
 * Customers who open the survey (/start) and type their NPS score: the ids and scores come
 * from the seed, so a failing run can be repeated.
 */
export function npsCustomers(options: { count: number; seed: number; firstChat: number; firstUpdateId: number }): LoadCustomer[] {
  const random = seededRandom(options.seed);
  let updateId = options.firstUpdateId;
  return Array.from({ length: options.count }, (_, i) => {
    const chat = options.firstChat + i;
    const score = Math.floor(random() * 11);
    return {
      chat,
      updates: [
        { updateId: ++updateId, body: telegramUpdate('message-start', { updateId, chatId: chat }) },
        { updateId: ++updateId, body: telegramUpdate('message-text', { updateId, chatId: chat, text: String(score) }) },
      ],
    };
  });
}

/**
 * Plays Telegram's webhook delivery: each chat's updates go one after another, and an update
 * that was not acknowledged with 200 (an error status, a dropped connection, no process at
 * all) is delivered again after a short wait, to whatever process `target` names now.
 */
export class TelegramWebhookPlatform {
  /** Base URL of the bot, or null while no process listens. */
  target: string | null;
  readonly deliveries: UpdateDelivery[] = [];

  constructor(options: { target: string; secret: string; retryMs?: number; deadlineMs?: number }) {
    this.target = options.target;
    this.secret = options.secret;
    this.retryMs = options.retryMs ?? 250;
    this.deadlineMs = options.deadlineMs ?? 90_000;
  }

  private readonly secret: string;
  private readonly retryMs: number;
  private readonly deadlineMs: number;

  acknowledged(): UpdateDelivery[] {
    return this.deliveries.filter((d) => d.ackedAt !== undefined);
  }

  /** Updates that took more than one delivery. */
  redelivered(): UpdateDelivery[] {
    return this.deliveries.filter((d) => d.attempts.length > 1);
  }

  /**
   * Runs the customers, at most `concurrency` chats at once, each chat's updates in order;
   * `paceMs` spaces a worker's customers, for a steady load rather than a burst.
   */
  async run(customers: LoadCustomer[], concurrency: number, paceMs = 0): Promise<void> {
    const queue = [...customers];
    const worker = async () => {
      for (let customer = queue.shift(); customer; customer = queue.shift()) {
        for (const update of customer.updates) await this.deliver(customer.chat, update);
        if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  private async deliver(chat: number, update: { updateId: number; body: unknown }): Promise<void> {
    const delivery: UpdateDelivery = { chat, updateId: update.updateId, attempts: [] };
    this.deliveries.push(delivery);
    const deadline = Date.now() + this.deadlineMs;
    while (delivery.ackedAt === undefined) {
      if (Date.now() > deadline) throw new Error(`update ${update.updateId} was never acknowledged: ${JSON.stringify(delivery.attempts.slice(-3))}`);
      const status = this.target ? await this.post(this.target, update.body) : 'refused';
      delivery.attempts.push({ at: Date.now(), status });
      if (status === 200) delivery.ackedAt = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  private async post(target: string, body: unknown): Promise<number | 'refused'> {
    try {
      const res = await postTelegramUpdate(target, body, { secret: this.secret, signal: AbortSignal.timeout(20_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 'refused';
    }
  }
}

/** What became of the acknowledged updates and their replies, counted from the database and the fake. */
export interface TelegramOutcome {
  acknowledged: number;
  /** Acknowledged updates with no stored input (their effect lost). */
  lostInputs: number;
  /** Stored inputs that caused no reply. */
  inputsWithoutReply: number;
  /** Replies stored but never delivered (still pending or given up). */
  lostReplies: number;
  /** Replies the fake received more than once (extra copies counted). */
  duplicatedReplies: number;
  /** Replies stored in the outbox, and the sendMessage calls the fake answered with 200. */
  repliesStored: number;
  sendMessageCalls: number;
  /** Inputs stored twice for one update (must be 0). */
  inputsStoredTwice: number;
}

/**
 * Compares what the platform saw acknowledged with what the database holds and what the
 * fake Telegram received. A reply counts as duplicated when its chat got more successful
 * sendMessage calls than the outbox holds sent rows; the extra calls' texts are returned.
 */
export async function telegramOutcome(db: DataSource, platform: TelegramWebhookPlatform, fake: FakeTelegram): Promise<TelegramOutcome & { duplicates: { chat: string; text: string; firstAt: number }[] }> {
  const acked = platform.acknowledged();
  const inputs = await db.query<{ input_key: string; n: number; replies: number }[]>(
    `SELECT ci.input_key, count(DISTINCT ci.id)::int AS n, count(m.id)::int AS replies
     FROM conversation_input ci JOIN customer_identity i ON i.id = ci.identity_id AND i.channel = 'telegram'
     LEFT JOIN message m ON m.input_id = ci.id AND m.direction = 'out'
     GROUP BY ci.input_key`,
  );
  const byKey = new Map(inputs.map((r) => [r.input_key, r]));
  const rows = await db.query<{ address: string; delivery: string; n: number }[]>(
    `SELECT i.address, m.delivery, count(*)::int AS n FROM message m JOIN customer_identity i ON i.id = m.identity_id
     WHERE m.direction = 'out' AND m.channel = 'telegram' GROUP BY i.address, m.delivery`,
  );
  const sentByChat = new Map<string, number>();
  for (const r of rows) if (r.delivery === 'sent') sentByChat.set(r.address, r.n);
  const chats = new Set(acked.map((d) => String(d.chat)));
  const duplicates: { chat: string; text: string; firstAt: number }[] = [];
  let calls = 0;
  for (const chat of chats) {
    const delivered = fake.delivered('sendMessage', chat);
    calls += delivered.length;
    const seen = new Map<string, number>();
    for (const call of delivered) {
      const text = String(call.params.text);
      if (seen.has(text)) duplicates.push({ chat, text, firstAt: seen.get(text)! });
      else seen.set(text, call.at);
    }
  }
  const extra = [...chats].reduce((sum, chat) => sum + Math.max(0, fake.delivered('sendMessage', chat).length - (sentByChat.get(chat) ?? 0)), 0);
  return {
    acknowledged: acked.length,
    lostInputs: acked.filter((d) => !byKey.has(`tg:${d.updateId}`)).length,
    inputsWithoutReply: acked.filter((d) => (byKey.get(`tg:${d.updateId}`)?.replies ?? 1) === 0).length,
    lostReplies: rows.filter((r) => r.delivery !== 'sent' && chats.has(r.address)).reduce((sum, r) => sum + r.n, 0),
    duplicatedReplies: Math.max(extra, duplicates.length),
    repliesStored: rows.filter((r) => chats.has(r.address)).reduce((sum, r) => sum + r.n, 0),
    sendMessageCalls: calls,
    inputsStoredTwice: inputs.filter((r) => r.n > 1).length,
    duplicates,
  };
}

/** Waits until nothing is left to do, no reply pending in the outbox and no input waiting in the inbound queue (or the time is up); answers how many remain. */
export async function drained(db: DataSource, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM message WHERE direction = 'out' AND delivery = 'pending')::int
            + (SELECT count(*) FROM inbound_update WHERE failed_at IS NULL)::int AS n`,
    );
    if (n === 0 || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
