import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { pageCsp } from '@turbota/server';

/** The console's policy: its own scripts, styles and API only; nothing inline, no framing. */
export const CONSOLE_CSP = pageCsp();

/** Sent with the page and every file, beside the headers every answer gets (`securityHeaders`). */
export const CONSOLE_SECURITY_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** What to send for an address under `/console/`, and how long a browser may keep it. */
export type ConsoleFile =
  | { kind: 'file'; path: string; cacheControl: string }
  | { kind: 'missing' }
  | { kind: 'notBuilt' };

// Vite names every built script and style by its content: a new build never reuses a name.
const HASHED = 'public, max-age=31536000, immutable';
// The page itself names the current build's files, so a browser always asks again.
const PAGE = 'no-cache';
// The few unhashed files (the icon) change rarely.
const OTHER = 'public, max-age=300';
// Names of files a build makes; a page address never ends so (tokens and ids are letters, digits, - and _).
const FILE_NAME = /\.(?:js|css|map|svg|png|ico|json|txt|webmanifest|woff2?)$/i;

/**
 * The built console (`dist/console`, from `npm run build`): a file that exists is sent as it is,
 * a missing script or style is a 404, and every other address is a page of the single-page app,
 * answered with its `index.html` (the browser's router takes it from there).
 */
export class ConsoleFiles {
  /** `root`: the build's folder, absolute. */
  constructor(private readonly root: string) {}

  /** The file for a path below `/console/` (`''` for the home), without a leading slash. */
  resolve(relative: string): ConsoleFile {
    const index = resolve(this.root, 'index.html');
    if (!existsSync(index)) return { kind: 'notBuilt' };
    const path = resolve(this.root, relative);
    const inside = path.startsWith(this.root + sep);
    if (inside && isFile(path)) return { kind: 'file', path, cacheControl: relative.startsWith('assets/') ? HASHED : OTHER };
    // A file name the build would have made, but did not: not a page address.
    if (relative.startsWith('assets/') || FILE_NAME.test(relative)) return { kind: 'missing' };
    return { kind: 'file', path: index, cacheControl: PAGE };
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
