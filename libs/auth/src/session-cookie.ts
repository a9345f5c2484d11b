import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '@turbota/config';

/** The cookie a signed-in browser carries: a random session token, stored only hashed. */
export const SESSION_COOKIE = 'turbota_session';

/** A cookie's value from the Cookie header, or undefined when it is not there. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') || undefined;
  }
  return undefined;
}

function cookieOptions(config: AppConfig): CookieOptions {
  // Lax: sent on a link followed from elsewhere, never on another site's POST; Secure wherever the public address is https.
  return { httpOnly: true, sameSite: 'lax', secure: config.publicUrl?.startsWith('https:') ?? false, path: '/' };
}

/** Gives the browser its session cookie, kept as long as the session can last at most. */
export function setSessionCookie(res: Response, config: AppConfig, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: config.signIn.sessionMaxDays * 86_400_000 });
}

export function clearSessionCookie(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

/** The origin a request came to: scheme (as TRUST_PROXY lets Express read it) and Host. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * Whether a request's `Origin` (or, without one, its `Referer`) is the server's own origin:
 * PUBLIC_URL's when it is set, else the one the request came to. A browser sends one of them
 * with every unsafe request, and another site cannot forge them.
 */
export function isSameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const own = publicUrl ? new URL(publicUrl).origin : requestOrigin(req);
  const claimed = req.get('origin') ?? originOf(req.get('referer'));
  return claimed === own;
}

function originOf(url: string | undefined): string | undefined {
  return url && URL.canParse(url) ? new URL(url).origin : undefined;
}
