import { api } from '../api/client';
import type { components } from '../api/schema';

/** One event of `GET /api/v1/events`: what changed (an incident, a problem), or that everything must be read again. */
export type LiveChange = components['schemas']['LiveEvent'];

/** `off`: nothing listens, or the tab is hidden; `connecting`: the first try; `reconnecting`: after the stream broke. */
export type LiveStatus = 'off' | 'connecting' | 'connected' | 'reconnecting';

type Listener = (change: LiveChange) => void;

const EVENTS_URL = '/api/v1/events';
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * The tab's one live stream, shared by every page that listens: open while someone listens and
 * the tab is shown, closed while it is hidden (a hidden tab holds no connection). When the stream
 * breaks it is opened again after a growing, jittered pause, resuming after the last event
 * received, so nothing that changed in between is missed; before that, `GET /me` tells whether
 * the session ended (its 401 signs the console out, and the stream stays closed).
 */
class LiveConnection {
  status: LiveStatus = 'off';
  private readonly listeners = new Set<Listener>();
  private readonly watchers = new Set<() => void>();
  private source: EventSource | undefined;
  private retry: number | undefined;
  private failures = 0;
  private lastEventId: string | undefined;
  /** The stream broke before any event gave a position: what changed meanwhile is unknown. */
  private lost = false;

  constructor() {
    document.addEventListener('visibilitychange', () => this.update());
  }

  /** Hears every change from now on; answers how to stop. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    this.update();
    return () => {
      this.listeners.delete(listener);
      this.update();
    };
  }

  /** For `useSyncExternalStore`: called whenever the status changes. */
  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  private update(): void {
    const wanted = this.listeners.size > 0 && document.visibilityState === 'visible';
    if (wanted && this.source === undefined && this.retry === undefined) this.connect();
    if (wanted) return;
    this.source?.close();
    this.source = undefined;
    window.clearTimeout(this.retry);
    this.retry = undefined;
    this.failures = 0;
    this.setStatus('off');
  }

  private connect(): void {
    const query = this.lastEventId === undefined ? '' : `?${new URLSearchParams({ lastEventId: this.lastEventId }).toString()}`;
    const source = new EventSource(`${EVENTS_URL}${query}`, { withCredentials: true });
    this.source = source;
    if (this.status === 'off') this.setStatus('connecting');
    source.onmessage = (message: MessageEvent<string>) => this.receive(message);
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = undefined;
      this.lost ||= this.lastEventId === undefined;
      this.setStatus('reconnecting');
      const pause = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
      this.failures += 1;
      this.retry = window.setTimeout(() => void this.reconnect(), pause * (0.5 + Math.random() / 2));
    };
  }

  private async reconnect(): Promise<void> {
    const { response } = await api.GET('/api/v1/me').catch(() => ({ response: undefined }));
    this.retry = undefined;
    // A 401 signs the console out (the session's own handler); the stream is of no more use.
    if (response?.status === 401) return;
    if (this.listeners.size > 0 && document.visibilityState === 'visible') this.connect();
  }

  private receive(message: MessageEvent<string>): void {
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    let change: LiveChange;
    try {
      change = JSON.parse(message.data) as LiveChange;
    } catch {
      return;
    }
    if (change.type === 'ready') {
      this.failures = 0;
      this.setStatus('connected');
      if (!this.lost) return;
      this.lost = false;
      change = { type: 'resync' };
    }
    for (const listener of this.listeners) listener(change);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const watcher of this.watchers) watcher();
  }
}

/** The console's live stream. */
export const live = new LiveConnection();
