import type { Response } from 'express';
import type { LiveEvent } from '@turbota/live';
import type { LiveHolder } from './live-holders';

/** A comment line every so often keeps a quiet stream inside the HTTP idle timeout (120 s unless set) and any proxy's. */
export const HEARTBEAT_MS = 25_000;
/** What a client that reconnects on its own (a plain EventSource) waits before it does. */
const RETRY_MS = 5_000;

/**
 * One open `text/event-stream` response. Events that arrive before the headers are written
 * (the first ones, while the request is still being admitted) wait for them.
 */
export class LiveStream {
  private started = false;
  private readonly waiting: string[] = [];
  private lastWriteAt = 0;

  constructor(
    readonly holder: LiveHolder,
    private readonly res: Response,
  ) {}

  send(events: LiveEvent[]): void {
    const text = events.map((event) => `id: ${event.id}\ndata: ${JSON.stringify(event.change)}\n\n`).join('');
    if (this.started) this.write(text);
    else this.waiting.push(text);
  }

  /** Writes the headers and what waited for them. */
  start(): void {
    this.res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    this.res.flushHeaders();
    this.started = true;
    this.write(`retry: ${RETRY_MS}\n\n${this.waiting.splice(0).join('')}`);
  }

  /** A heartbeat when nothing was written for a while. */
  beat(nowMs: number): void {
    if (this.started && nowMs - this.lastWriteAt >= HEARTBEAT_MS) this.write(': keep-alive\n\n');
  }

  end(): void {
    this.res.end();
  }

  private write(text: string): void {
    this.lastWriteAt = Date.now();
    this.res.write(text);
  }
}
