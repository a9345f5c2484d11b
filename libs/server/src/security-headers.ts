import type { NextFunction, Request, Response } from 'express';

/** What an API answer may load: nothing; and nobody may frame it. Pages replace it with their own. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page's policy: nothing but its own files, no framing, no plugins; `inlineStyles` for a
 * page that styles itself inline.
 */
export function pageCsp(options: { inlineStyles?: boolean } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${options.inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Swagger UI: its own scripts only; it styles itself inline. */
export const DOCS_CSP = pageCsp({ inlineStyles: true });

const HSTS = 'max-age=31536000';

// Answers under these carry personal data or conversations: no browser or proxy may keep them.
const NO_STORE_PREFIXES = ['/api/v1/', '/chat/api/'];

/**
 * Headers every answer gets before any handler runs (helmet's defaults that matter here,
 * without the dependency): no MIME sniffing, no referrer, no framing, a deny-all CSP that the
 * web chat and dashboard pages replace with their own, HSTS when the public address is https,
 * and `Cache-Control: no-store` on API answers (a handler may still set its own).
 */
export function securityHeaders(options: { publicUrl?: string }) {
  const https = options.publicUrl?.startsWith('https://') ?? false;
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', req.path === '/docs' || req.path.startsWith('/docs/') ? DOCS_CSP : API_CSP);
    if (https) res.setHeader('Strict-Transport-Security', HSTS);
    if (NO_STORE_PREFIXES.some((prefix) => req.path.startsWith(prefix))) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
