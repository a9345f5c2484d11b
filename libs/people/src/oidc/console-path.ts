/** Where the console lives; a sign-in may lead back only below it. */
const CONSOLE = '/console/';
const SOMEWHERE = 'http://console.invalid';

/**
 * The console page a single sign-on should end on, from the `next` the sign-in page was given:
 * a path below /console/ on this origin (its query and fragment kept), never the sign-in page
 * itself; anything else (another origin, `//host`, a backslash, a path escaping with `..`) is
 * undefined, and the sign-in ends on the console's home. Never an open redirect.
 */
export function consolePathOf(next: string | undefined): string | undefined {
  if (!next?.startsWith(CONSOLE) || next.includes('\\') || [...next].some((char) => char < ' ' || char === '\u007f')) return undefined;
  let url: URL;
  try {
    url = new URL(next, SOMEWHERE);
  } catch {
    return undefined;
  }
  if (url.origin !== SOMEWHERE || !url.pathname.startsWith(CONSOLE) || url.pathname.startsWith(`${CONSOLE}login`)) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
