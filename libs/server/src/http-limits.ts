import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** How long a client may take, and how many may be connected at once. */
export interface HttpLimits {
  /** A request's body must have arrived within this many ms of its headers. */
  requestTimeoutMs: number;
  /** A new connection must have sent a request's headers within this many ms. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this many ms. */
  keepAliveTimeoutMs: number;
  /** A socket with no bytes either way for this many ms is closed (a client that stopped reading). */
  idleTimeoutMs: number;
  /** What an authenticated upload (a CSV import) is allowed instead of `requestTimeoutMs`. */
  uploadTimeoutMs: number;
  /** Open connections at most; a newcomer past it replaces the longest-waiting one or is closed at once. */
  maxConnections: number;
}

/** Routes whose bodies may take `uploadTimeoutMs`, once the caller's key was accepted. */
export const LONG_UPLOAD_ROUTES: readonly string[] = ['/api/v1/imports/contacts', '/api/v1/imports/responses'];

// The timer of each request whose bytes are still arriving, so an import route can lift it.
const deadlines = new WeakMap<IncomingMessage, NodeJS.Timeout>();
// Sockets carrying an authenticated upload: never closed to make room.
const uploading = new WeakSet<Socket>();

/**
 * Protects one HTTP server from clients that connect and then send slowly or not at all.
 * Node's own `requestTimeout`/`headersTimeout` are per server and checked only every 30 s,
 * so each request gets its own short timer here; the import routes lift it (see
 * `allowLongUpload`) and Node's `requestTimeout` stays as the outer bound they keep.
 * At the connection cap, the connection that has waited longest for a client's bytes
 * (headers, a body, or its next request) is closed to make room, so a flood of stalled
 * clients cannot shut out `/health` or a customer.
 */
export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.requestTimeout = Math.max(limits.uploadTimeoutMs, limits.headersTimeoutMs + 1);
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  // One above the cap: the newcomer past it is accepted only to decide whom to close.
  server.maxConnections = limits.maxConnections + 1;
  const waiting = new WaitingSockets();
  const firstHeaders = new WeakMap<Socket, NodeJS.Timeout>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
      clearTimeout(firstHeaders.get(socket));
      waiting.delete(socket);
    });
    if (open > limits.maxConnections && !waiting.evictOldest()) {
      socket.destroy(); // every other connection is being served: refuse the newcomer
      return;
    }
    waiting.add(socket);
    firstHeaders.set(socket, setTimeout(() => socket.destroy(), limits.headersTimeoutMs).unref());
  });
  // Before the application's handler, so that a route can lift the deadline at once.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    clearTimeout(firstHeaders.get(socket));
    res.once('finish', () => {
      uploading.delete(socket);
      if (req.complete && !socket.destroyed) waiting.add(socket); // idle until its next request
    });
    if (!hasBody(req)) {
      waiting.delete(socket);
      return;
    }
    waiting.add(socket);
    req.once('end', () => waiting.delete(socket));
    armDeadline(req, res, limits.requestTimeoutMs);
  });
}

/**
 * Lets the request's body take the long upload allowance instead of the short one. Call it
 * only once the caller is known (after the API key was checked): an anonymous client never
 * gets more than the short timeout.
 */
export function allowLongUpload(req: IncomingMessage, res: ServerResponse, uploadTimeoutMs: number): void {
  clearTimeout(deadlines.get(req));
  uploading.add(req.socket);
  armDeadline(req, res, uploadTimeoutMs);
}

/** Whether bytes are still to come after the headers ('request' is emitted before a bodiless request is marked complete). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function armDeadline(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (req.complete) return;
  const timer = setTimeout(() => {
    if (!req.complete) requestTimedOut(res);
  }, ms).unref();
  deadlines.set(req, timer);
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
}

/** 408 when nothing was answered yet, then the connection is closed (its unread bytes with it). */
function requestTimedOut(res: ServerResponse): void {
  const socket = res.req.socket;
  if (res.headersSent || socket.destroyed) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ statusCode: 408, error: 'Request Timeout', message: 'The request did not arrive in time' });
  res.writeHead(408, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close', 'Content-Length': Buffer.byteLength(body) });
  res.end(body, () => socket.destroy());
  setTimeout(() => socket.destroy(), 1_000).unref(); // a client that does not read the 408 either
}

/** Sockets waiting for a client's bytes (headers, a body, or the next request), oldest first. */
class WaitingSockets {
  private readonly sockets = new Set<Socket>();

  add(socket: Socket): void {
    this.sockets.delete(socket);
    if (uploading.has(socket)) return; // re-inserted last: the Set's order is the order of waiting
    this.sockets.add(socket);
  }

  delete(socket: Socket): void {
    this.sockets.delete(socket);
  }

  /** Closes the socket that has waited longest; false when none is waiting. */
  evictOldest(): boolean {
    for (const oldest of this.sockets) {
      this.sockets.delete(oldest);
      if (uploading.has(oldest) || oldest.destroyed) continue;
      oldest.destroy();
      return true;
    }
    return false;
  }
}

/**
 * Grants the long upload allowance to the import routes. An interceptor runs after the
 * guards, so the caller's API key and role were already accepted.
 */
@Injectable()
export class LongUploadAllowance implements NestInterceptor {
  constructor(private readonly uploadTimeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    if (req.method === 'POST' && LONG_UPLOAD_ROUTES.includes(route)) {
      allowLongUpload(req, http.getResponse<ServerResponse>(), this.uploadTimeoutMs);
    }
    return next.handle();
  }
}
