import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny round-robin HTTP proxy for the scale-out bench, run as its own process: each request
 * goes to the next of BENCH_UPSTREAMS (comma-separated base URLs) in turn, body and headers as
 * they came, the answer piped back. A failed upstream answers 502 (no retry: a retry could
 * deliver an update twice, which is what the bench checks for). `GET /proxy-stats` answers
 * how many requests went to each upstream.
 */
const upstreams = (process.env.BENCH_UPSTREAMS ?? '').split(',').filter(Boolean).map((u) => new URL(u));
if (upstreams.length === 0) throw new Error('BENCH_UPSTREAMS is empty');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const sent = upstreams.map(() => 0);
let next = 0;

const server = createServer((req, res) => {
  if (req.url === '/proxy-stats') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ upstreams: upstreams.map(String), sent }));
  const index = next++ % upstreams.length;
  const target = upstreams[index];
  sent[index]++;
  const upstream = request({ agent, host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
