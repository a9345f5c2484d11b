import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** Where the console is served; every client route sits under it. */
export const BASE = '/console';

/** A page of the console, read from the address. */
export type Route =
  | { page: 'queue' }
  | { page: 'login' }
  | { page: 'forgot' }
  | { page: 'setup'; token: string }
  | { page: 'invite'; token: string }
  | { page: 'reset'; token: string }
  | { page: 'incident'; id: string }
  | { page: 'people' }
  | { page: 'problems' }
  | { page: 'problem'; id: string }
  | { page: 'reports' }
  | { page: 'me' }
  | { page: 'settings'; section: string; rest: string[] }
  | { page: 'notFound' };

const WITH_PARAM: Record<string, 'setup' | 'invite' | 'reset' | 'incident' | 'problem'> = { setup: 'setup', invite: 'invite', reset: 'reset', incidents: 'incident', problems: 'problem' };
const PLAIN: Record<string, Route> = {
  '': { page: 'queue' },
  login: { page: 'login' },
  forgot: { page: 'forgot' },
  people: { page: 'people' },
  problems: { page: 'problems' },
  reports: { page: 'reports' },
  me: { page: 'me' },
};

/** The route an address path names (`/console/incidents/<id>` and so on). */
export function routeOf(pathname: string): Route {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { page: 'notFound' };
  const parts = pathname.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return { page: 'settings', section: parts[1] ?? '', rest: parts.slice(2) };
  if (parts.length <= 1) return PLAIN[parts[0] ?? ''] ?? { page: 'notFound' };
  const page = WITH_PARAM[parts[0]];
  if (parts.length !== 2 || page === undefined) return { page: 'notFound' };
  return page === 'incident' || page === 'problem' ? { page, id: parts[1] } : { page, token: parts[1] };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentHref = () => window.location.pathname + window.location.search;

/** The address's path and query, re-rendering on every navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, currentHref);
  return new URL(href, window.location.origin);
}

/** Goes to a console address without reloading; `replace` keeps the history from growing. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

/** A console address from a path below the base: `href('/incidents/1')`. */
export const href = (path: string) => `${BASE}${path}`;

/** A link that navigates inside the console; a modified click (new tab) stays the browser's. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
