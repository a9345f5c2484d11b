import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { type Locale, LOCALES, projectPath } from '@turbota/common';
import { pageCsp } from '@turbota/server';

/** A file the page loads, with its type and how long a browser may keep it. */
interface Asset {
  type: string;
  body: string;
  maxAgeSeconds: number;
}

/** Nothing but our own files; the JSON config block is data, never run; charts draw on canvases. */
export const DASHBOARD_CSP = pageCsp();

/** Sent with the page and every asset, beside the headers every answer gets (`securityHeaders`). */
export const DASHBOARD_SECURITY_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

// Our own files change with a release, so browsers check back soon; the pinned library never changes under its versioned name.
const OWN_MAX_AGE = 300;
const LIBRARY_MAX_AGE = 31_536_000;

/** What the page's script starts from: the chosen language and the texts of every language. */
export interface DashboardBoot {
  locale: Locale;
  /** The page itself was requested with a valid `Authorization: Bearer` key (a tool), so the API calls carry it too. */
  headerAuth: boolean;
  /** The page was requested with a key that is wrong: the sign-in form says so. */
  headerRejected: boolean;
}

/** The dashboard page (`apps/api/web/dashboard/`) and the charting library it draws with (Chart.js from node_modules). */
@Injectable()
export class DashboardPage {
  private readonly template = read('dashboard.html');
  private readonly strings = JSON.parse(read('strings.json')) as Record<Locale, Record<string, string>>;
  private readonly assets = loadAssets();

  render(boot: DashboardBoot): string {
    const config = scriptJson({ ...boot, locales: LOCALES, strings: this.strings });
    return this.template
      .replaceAll('{{lang}}', boot.locale)
      .replaceAll('{{title}}', escapeHtml(this.strings[boot.locale].title))
      .replaceAll('{{chartjs}}', CHART_JS_NAME)
      .replace('{{config}}', () => config);
  }

  asset(name: string): Asset | undefined {
    return this.assets.get(name);
  }
}

const pinnedChartJs = JSON.parse(readFileSync(join(chartJsDist(), '..', 'package.json'), 'utf8')) as { version: string };
/** The library's file name carries its version, so a long cache never serves a stale copy after an upgrade. */
export const CHART_JS_NAME = `chart-${pinnedChartJs.version}.umd.min.js`;

function loadAssets(): Map<string, Asset> {
  const own = (name: string, type: string): [string, Asset] => [name, { type, body: read(name), maxAgeSeconds: OWN_MAX_AGE }];
  return new Map([
    own('dashboard.css', 'text/css; charset=utf-8'),
    own('dashboard.js', 'text/javascript; charset=utf-8'),
    own('charts.js', 'text/javascript; charset=utf-8'),
    own('panels.js', 'text/javascript; charset=utf-8'),
    own('icon.svg', 'image/svg+xml'),
    [CHART_JS_NAME, { type: 'text/javascript; charset=utf-8', body: readFileSync(join(chartJsDist(), 'chart.umd.min.js'), 'utf8'), maxAgeSeconds: LIBRARY_MAX_AGE }],
  ]);
}

// The package exports only its module entry points; the browser bundle sits beside them in dist/.
function chartJsDist(): string {
  return dirname(require.resolve('chart.js'));
}

function read(name: string): string {
  return readFileSync(projectPath('apps', 'api', 'web', 'dashboard', name), 'utf8');
}

/** JSON to place inside a `<script type="application/json">` block: "</" would end the block early, escaped it stays the same JSON. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
