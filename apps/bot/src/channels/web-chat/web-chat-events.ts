import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebChatService } from './web-chat.service';

const POLL_MS = 1500;
const HEARTBEAT_MS = 25_000;

/**
 * The web chat's Server-Sent Events streams: each polls its transcript for messages made
 * elsewhere (a supervisor's follow-up) and pushes them, with the sequence number as the event
 * id so a reconnect resumes. Streams end when the application shuts down, so they never hold
 * a graceful stop open.
 */
@Injectable()
export class WebChatEvents implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(private readonly chat: WebChatService) {}

  async stream(token: string, lastEventId: string | undefined, req: Request, res: Response): Promise<void> {
    let lastSeq = /^\d{1,18}$/.test(lastEventId ?? '') ? lastEventId : undefined;
    const first = await this.chat.after(token, lastSeq);
    res.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    let timer: NodeJS.Timeout | undefined;
    let beat = Date.now();
    const push = (batch: { seq: string; message: unknown }[]) => {
      for (const { seq, message } of batch) res.write(`event: message\nid: ${seq}\ndata: ${JSON.stringify(message)}\n\n`);
      if (batch.length) lastSeq = batch[batch.length - 1].seq;
    };
    const stop = () => {
      clearTimeout(timer);
      this.open.delete(stop);
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

  beforeApplicationShutdown(): void {
    for (const stop of [...this.open]) stop();
  }
}
