import { BeforeApplicationShutdown, Injectable, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { tooManyRequests } from '@turbota/server';
import { WebChatLimits } from './web-chat-limits';
import { WebChatService } from './web-chat.service';

const POLL_MS = 1500;
const HEARTBEAT_MS = 25_000;
/** A refused stream is worth trying again once another of the same holder has ended. */
const STREAM_RETRY_SECONDS = 30;

/**
 * The web chat's Server-Sent Events streams: each polls its transcript for messages made
 * elsewhere (a supervisor's follow-up) and pushes them, with the sequence number as the event
 * id so a reconnect resumes. Only an issued token gets a stream (404 otherwise, asked once, in
 * batches), and a client address and a session hold only a few at once (429 beyond). Streams
 * end when the application shuts down, so they never hold a graceful stop open.
 */
@Injectable()
export class WebChatEvents implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly chat: WebChatService,
    private readonly limits: WebChatLimits,
  ) {}

  async stream(token: string, lastEventId: string | undefined, clientAddress: string, req: Request, res: Response): Promise<void> {
    let gone = false;
    req.on('close', () => (gone = true));
    // First whether the token was issued: a flood of invented ones costs batched look-ups and holds nothing.
    if (!(await this.chat.exists(token))) throw new NotFoundException('No such chat session');
    const ofAddress = this.limits.streamFromAddress(clientAddress);
    if (!ofAddress) throw tooManyRequests(res, STREAM_RETRY_SECONDS, `${this.limits.streams.perAddress} web chat event streams are open from this address already`);
    let release = ofAddress;
    try {
      const ofSession = this.limits.streamOfSession(token);
      if (!ofSession) throw tooManyRequests(res, STREAM_RETRY_SECONDS, `${this.limits.streams.perSession} event streams are open for this chat session already`);
      release = () => {
        ofAddress();
        ofSession();
      };
      const lastSeq = validSeq(lastEventId);
      const first = await this.chat.after(token, lastSeq);
      if (gone) return release();
      this.serve({ token, lastSeq, first, release }, req, res);
    } catch (error) {
      release();
      throw error;
    }
  }

  beforeApplicationShutdown(): void {
    for (const stop of [...this.open]) stop();
  }

  private serve(stream: { token: string; lastSeq?: string; first: { seq: string; message: unknown }[]; release: () => void }, req: Request, res: Response): void {
    const { token, first, release } = stream;
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    let lastSeq = stream.lastSeq;
    let timer: NodeJS.Timeout | undefined;
    let beat = Date.now();
    const push = (batch: { seq: string; message: unknown }[]) => {
      for (const { seq, message } of batch) res.write(`event: message\nid: ${seq}\ndata: ${JSON.stringify(message)}\n\n`);
      if (batch.length) lastSeq = batch[batch.length - 1].seq;
    };
    const stop = () => {
      clearTimeout(timer);
      this.open.delete(stop);
      release();
      res.end();
    };
    const poll = async () => {
      try {
        push(await this.chat.after(token, lastSeq));
        if (Date.now() - beat > HEARTBEAT_MS) {
          res.write(': keep-alive\n\n');
          beat = Date.now();
        }
      } catch {
        // The database is away for a moment; the next poll tries again.
      }
      if (this.open.has(stop)) timer = setTimeout(() => void poll(), POLL_MS);
    };
    push(first);
    this.open.add(stop);
    timer = setTimeout(() => void poll(), POLL_MS);
    req.on('close', stop);
  }
}

/** The `Last-Event-ID` a reconnecting stream sends, when it is one of our sequence numbers. */
function validSeq(lastEventId: string | undefined): string | undefined {
  return /^\d{1,18}$/.test(lastEventId ?? '') ? lastEventId : undefined;
}
