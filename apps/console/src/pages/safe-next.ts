import { BASE, href } from '../router';

/** Where to go after signing in: the `next` the sign-in page was sent with, if it is a console page. */
export function nextAfterSignIn(search: URLSearchParams): string {
  const next = search.get('next');
  const inside = next !== null && next.startsWith(`${BASE}/`) && !next.startsWith('//') && !next.startsWith(`${BASE}/login`);
  return inside ? next : href('/');
}
