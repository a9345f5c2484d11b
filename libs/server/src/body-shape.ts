import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request Turbota or a platform sends; recursive readers stay far from the stack's end. */
export const MAX_BODY_DEPTH = 64;

/**
 * Refuses with 400, after the body parsers, what the parsers let through but the rest cannot
 * take: a body nested deeper than MAX_BODY_DEPTH (validators recurse), and on the REST API a
 * body, query or path with NUL or an unpaired UTF-16 surrogate (PostgreSQL cannot store either). Webhooks
 * keep such text: their adapters clean it, since a platform would only send it again.
 */
export function rejectUnreadableBodies(req: Request, res: Response, next: NextFunction): void {
  const api = req.path.startsWith('/api/v1/');
  const problem = problemOf(req.body as unknown, api) ?? (api ? (problemOf(req.query, true) ?? problemOf(decodedPath(req.path), true)) : undefined);
  if (!problem) return next();
  res.status(400).json({ statusCode: 400, error: 'Bad Request', message: problem });
}

/** The path as the router will decode its parameters (a broken escape is the router's to refuse). */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(body: unknown, checkText: boolean): string | undefined {
  // Iterative, so the check itself cannot overflow the stack it protects.
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (checkText && (value.includes('\u0000') || LONE_SURROGATE.test(value))) return 'The request contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored';
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return `Request body is nested deeper than ${MAX_BODY_DEPTH} levels`;
    for (const [key, item] of Object.entries(value)) stack.push({ value: key, depth }, { value: item, depth: depth + 1 });
  }
  return undefined;
}
