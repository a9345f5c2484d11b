import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { of } from 'rxjs';
import { allowLongUpload, applyHttpLimits, type HttpLimits, LongUploadAllowance } from './http-limits';

const LIMITS: HttpLimits = {
  requestTimeoutMs: 300,
  headersTimeoutMs: 300,
  keepAliveTimeoutMs: 1_000,
  idleTimeoutMs: 30_000,
  uploadTimeoutMs: 5_000,
  maxConnections: 4,
};

/** A server that reads each body whole and answers 200 with its length; `x-key: ok` earns the upload allowance. */
async function startServer(limits = LIMITS): Promise<{ server: Server; port: number }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['x-key'] === 'ok') allowLongUpload(req, res, limits.uploadTimeoutMs);
    if (req.url === '/slow') return void setTimeout(() => res.end('slow'), 1_000);
    if (req.url === '/refuse') return void res.writeHead(401).end();
    let length = 0;
    req.on('data', (chunk: Buffer) => (length += chunk.length));
    req.on('end', () => res.end(String(length)));
  });
  applyHttpLimits(server, limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** A raw connection that records what the server sent and when it closed. */
function rawClient(port: number): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

const postHeaders = (length: number, extra = '') => `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n${extra}\r\n`;

describe('applyHttpLimits', () => {
  let server: Server;
  let port: number;
  const clients: Socket[] = [];

  beforeEach(async () => ({ server, port } = await startServer()));
  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const open = () => {
    const client = rawClient(port);
    clients.push(client.socket);
    return client;
  };

  it('answers 408 and closes a connection whose body stalls', async () => {
    const client = open();
    client.socket.write(postHeaders(100) + 'only part of it');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
  });

  it('closes a connection whose body stalls after the request was already refused', async () => {
    const client = open();
    client.socket.write('POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nx');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 401/);
  });

  it('closes a connection whose headers never end', async () => {
    const client = open();
    client.socket.write('POST /upload HTTP/1.1\r\nHost: x\r\n');
    await client.closed;
    expect(client.received()).toBe('');
  });

  it('lets an authenticated upload take longer than the short timeout', async () => {
    const client = open();
    client.socket.write(postHeaders(4, 'x-key: ok\r\n') + 'ab');
    await new Promise((resolve) => setTimeout(resolve, LIMITS.requestTimeoutMs * 2));
    client.socket.end('cd');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\n4$/);
  });

  it('at the connection cap, closes the stalled connection that waited longest so that a new request is answered', async () => {
    const stalled = [open(), open(), open(), open()];
    for (const client of stalled) client.socket.write(postHeaders(100) + 'x');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await res.text()).toBe('0');
    await stalled[0].closed;
    expect(stalled[0].received()).toBe('');
  });

  it('never closes a request being answered to make room, and refuses newcomers past the cap instead', async () => {
    // The newcomer comes once the server is answering all four (on a loaded machine a fixed pause
    // may end before their headers are read, when they still count as waiting, not as answered).
    const answering = new Promise<void>((resolve) => {
      let count = 0;
      server.on('request', (req: IncomingMessage) => req.url === '/slow' && ++count === 4 && resolve());
    });
    const busy = [open(), open(), open(), open()];
    for (const client of busy) client.socket.write('GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await answering;
    const refused = open();
    await refused.closed;
    await Promise.all(busy.map((client) => client.closed));
    expect(busy.map((client) => client.received().split('\r\n\r\n')[1])).toEqual(['slow', 'slow', 'slow', 'slow']);
    expect(refused.received()).toBe('');
  });
});

describe('LongUploadAllowance', () => {
  const contextOf = (req: object, res: object) =>
    ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) }) as unknown as ExecutionContext;
  const next: CallHandler = { handle: () => of('handled') };

  it('grants the allowance to the import routes only', async () => {
    const interceptor = new LongUploadAllowance(LIMITS.uploadTimeoutMs);
    const answered: string[] = [];
    const server = createServer((req: IncomingMessage & { route?: { path: string }; path?: string }, res: ServerResponse) => {
      req.route = { path: req.url! };
      req.path = req.url!;
      interceptor.intercept(contextOf(req, res), next);
      req.resume();
      req.on('end', () => {
        answered.push(req.url!);
        res.end();
      });
    });
    applyHttpLimits(server, LIMITS);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      for (const path of ['/api/v1/imports/contacts', '/api/v1/contacts']) {
        const client = rawClient((server.address() as { port: number }).port);
        client.socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\na`);
        setTimeout(() => client.socket.write('b'), LIMITS.requestTimeoutMs * 2);
        await client.closed;
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(answered).toEqual(['/api/v1/imports/contacts']);
  });
});
