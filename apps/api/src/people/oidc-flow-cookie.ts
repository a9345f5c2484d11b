import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '@turbota/config';
import { OIDC_FLOW_MINUTES } from '@turbota/people';

/** The cookie that carries a single sign-on's sealed flow from its start to its callback. */
export const OIDC_FLOW_COOKIE = 'turbota_oidc';

function cookieOptions(config: AppConfig): CookieOptions {
  // Lax: the provider sends the browser back with a top-level GET, which carries it; sent only to the two sign-on routes.
  return { httpOnly: true, sameSite: 'lax', secure: config.publicUrl?.startsWith('https:') ?? false, path: '/api/v1/auth/oidc' };
}

export function setOidcFlowCookie(res: Response, config: AppConfig, sealedFlow: string): void {
  res.cookie(OIDC_FLOW_COOKIE, sealedFlow, { ...cookieOptions(config), maxAge: OIDC_FLOW_MINUTES * 60_000 });
}

/** Cleared at every callback, whatever comes of it: a flow is good for one try. */
export function clearOidcFlowCookie(res: Response, config: AppConfig): void {
  res.clearCookie(OIDC_FLOW_COOKIE, cookieOptions(config));
}
