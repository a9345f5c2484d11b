import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlack } from './fake-slack';
import { waitFor } from './wait-for';

/** The kinds of envelope Slack sends over Socket Mode. */
export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** One envelope as Slack sends it. */
export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** An acknowledgement as the app sends it. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * Slack's Socket Mode (https://api.slack.com/apis/socket-mode), beside a {@link FakeSlack}:
 * `apps.connections.open` (an app-level `xapp-` token; answers a single-use `ws://` URL) and the
 * WebSocket: `hello` on connect, envelopes, `envelope_id` acks, `disconnect` messages, pings.
 * An envelope is delivered again (`retry_attempt` + 1, `retry_reason: 'timeout'`) when the test
 * says so, and, left unacknowledged, to the next connection when its socket closes.
 */
export class FakeSlackSocket {
  /** Every socket opened, in order; `open` counts those open now. */
  readonly sockets: WebSocket[] = [];
  /** The most sockets open at once. */
  peakOpen = 0;
  /** Acks received, by envelope id. */
  readonly acks = new Map<string, EnvelopeAck[]>();
  /** Every envelope sent (its last delivery), by id. */
  private readonly sent = new Map<string, Envelope>();
  /** How many times each envelope was delivered, by id. */
  private readonly deliveryCounts = new Map<string, number>();
  /** Envelopes sent and not acknowledged yet, by id, with the socket each went to (null: none was open). */
  private readonly unacked = new Map<string, WebSocket | null>();
  private readonly tickets = new Set<string>();
  private readonly server: WebSocketServer;
  private readonly pinger: NodeJS.Timeout;

  private constructor(
    private readonly appToken: string,
    server: WebSocketServer,
  ) {
    this.server = server;
    server.on('connection', (socket, request) => this.connected(socket, request.url ?? ''));
    // Slack pings every few seconds; the client reconnects when the pings stop.
    this.pinger = setInterval(() => this.openSockets().forEach((socket) => socket.ping()), 5_000).unref();
  }

  /** Starts the WebSocket server and has the Web API fake answer `apps.connections.open` for the app token. */
  static async start(web: FakeSlack, appToken: string): Promise<FakeSlackSocket> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const fake = new FakeSlackSocket(appToken, server);
    web.connectionsOpen = (authorization) => fake.connectionsOpen(authorization);
    return fake;
  }

  /** Sockets open now. */
  openSockets(): WebSocket[] {
    return this.sockets.filter((socket) => socket.readyState === WebSocket.OPEN);
  }

  /** Sends an envelope to the open socket, or to the next one to open; answers its id. */
  send(type: EnvelopeType, payload: Record<string, unknown>): string {
    const envelope: Envelope = { envelope_id: randomUUID(), type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' };
    this.deliver(envelope);
    return envelope.envelope_id;
  }

  /**
   * Delivers an envelope again, as Slack does when its ack did not come in time (or came
   * and was lost): the same id and payload, `retry_attempt` one more, `retry_reason: 'timeout'`.
   */
  redeliver(envelopeId: string): void {
    const envelope = this.sent.get(envelopeId);
    if (!envelope) throw new Error(`Envelope ${envelopeId} was never sent`);
    this.deliver({ ...envelope, retry_attempt: envelope.retry_attempt + 1, retry_reason: 'timeout' });
  }

  /** How many times the envelope was delivered (the first time and each retry). */
  deliveries(envelopeId: string): number {
    return this.deliveryCounts.get(envelopeId) ?? 0;
  }

  /** The envelope's `nth` ack, once it came. */
  acked(envelopeId: string, nth = 1, timeoutMs = 10_000): Promise<EnvelopeAck> {
    return waitFor(() => this.acks.get(envelopeId)?.[nth - 1], timeoutMs);
  }

  /** Sends `disconnect` on every open socket, as Slack does before it recycles a server. */
  disconnectAll(reason: 'warning' | 'refresh_requested' | 'link_disabled'): void {
    for (const socket of this.openSockets()) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connectionsOpen(authorization: string | undefined): Record<string, unknown> {
    const token = authorization?.replace(/^Bearer /, '');
    if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    const { port } = this.server.address() as AddressInfo;
    return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=A0PNCHHK2` };
  }

  private connected(socket: WebSocket, url: string): void {
    const ticket = new URL(url, 'ws://fake').searchParams.get('ticket') ?? '';
    // A ticket serves one connection.
    if (!this.tickets.delete(ticket)) return socket.close(4001, 'invalid ticket');
    this.sockets.push(socket);
    this.peakOpen = Math.max(this.peakOpen, this.openSockets().length);
    socket.on('message', (data) => this.received((Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(new Uint8Array(data)) : data).toString('utf8')));
    socket.on('close', () => this.closed(socket));
    socket.send(JSON.stringify({ type: 'hello', num_connections: this.openSockets().length, connection_info: { app_id: 'A0PNCHHK2' }, debug_info: { host: 'fake-slack' } }));
    // What a closed connection left unacknowledged goes to this one.
    for (const [id, to] of this.unacked) if (to?.readyState !== WebSocket.OPEN) this.redeliver(id);
  }

  private closed(socket: WebSocket): void {
    const next = this.openSockets()[0];
    if (!next) return;
    for (const [id, to] of this.unacked) if (to === socket) this.redeliver(id);
  }

  /** Sends an envelope to the open socket; with none open, it waits for the next connection, as Slack holds events for an app. */
  private deliver(envelope: Envelope): void {
    const [socket] = this.openSockets();
    this.sent.set(envelope.envelope_id, envelope);
    this.unacked.set(envelope.envelope_id, socket ?? null);
    if (!socket) return;
    this.deliveryCounts.set(envelope.envelope_id, this.deliveries(envelope.envelope_id) + 1);
    socket.send(JSON.stringify(envelope));
  }

  private received(text: string): void {
    const ack = JSON.parse(text) as EnvelopeAck;
    if (typeof ack.envelope_id !== 'string') return;
    this.unacked.delete(ack.envelope_id);
    this.acks.set(ack.envelope_id, [...(this.acks.get(ack.envelope_id) ?? []), ack]);
  }
}
