import { request } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { recordFigures as record } from '../../support/figures';

/** One route the running application serves: `GET /api/v1/incidents/:id`. */
export interface Route {
  method: string;
  path: string;
}

export const routeName = (r: Route) => `${r.method} ${r.path}`;

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every route registered on the Express router of a running application (what Nest mounted). */
export function mountedRoutes(app: NestExpressApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const routes: Route[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path });
      }
    }
  }
  return routes;
}

/** The routes of an OpenAPI document, with its `{id}` written as Express's `:id`. */
export function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{([^}]+)\}/g, ':$1') })),
  );
}

/** A path with its parameters filled in (an id that exists nowhere, unless given). */
export function concrete(path: string, values: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? (name === 'version' ? '1' : '00000000-0000-4000-8000-000000000000'));
}

/** Records one file's figures under `section` in test-artifacts/reliability/api-security.json. */
export const recordFigures = (section: string, figures: Record<string, unknown>) => record('api-security', section, figures);

/**
 * Streams a CSV import: `header`, then lines of `a` up to `totalBytes` (chunked, or with the
 * Content-Length `declare` says, which may be more than is sent), until the server answers.
 * Returns the status, the message and how many bytes went out before the answer.
 */
export function uploadCsv(
  url: string,
  key: string,
  options: { header: string; totalBytes: number; declare?: number },
): Promise<{ status: number; message: string; sentBytes: number }> {
  const MB = 1024 * 1024;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const line = Buffer.concat([Buffer.alloc(MB - 1, 'a'), Buffer.from('\n')]);
    const headers: Record<string, string> = { 'Content-Type': 'text/csv', Authorization: `Bearer ${key}` };
    if (options.declare !== undefined) headers['Content-Length'] = String(options.declare);
    const req = request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, message: (JSON.parse(body) as { message: string }).message, sentBytes: sent });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sent < options.totalBytes) {
        const piece = sent === 0 ? Buffer.from(`${options.header}\n`) : line;
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', write);
      }
      // With a Content-Length larger than what was sent, the request stays open until the answer.
      if (!answered && options.declare === undefined) req.end();
    };
    write();
  });
}
