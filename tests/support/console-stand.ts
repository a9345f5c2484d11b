import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { type DatabaseHandle, withClient } from '@turbota/persistence';
import { axeScopeAt, seriousViolations } from './axe';
import { launchBrowser, saveScreenshot } from './browser';
import { openTestDatabase } from './test-database';
import { TurbotaProcess } from './turbota-process';
import { waitFor } from './wait-for';

/** The console's languages, and the two sizes every page is looked at in. */
export const CONSOLE_LOCALES = ['uk', 'ru', 'en'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];
export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
export type Viewport = keyof typeof VIEWPORTS;

const ADMIN = { email: 'admin@example.com', displayName: 'Olena Admin', role: 'admin', password: 'admin-password-long' } as const;

/** An API answer: its status and JSON (null when it had none). */
export interface Answer<T> {
  status: number;
  body: T;
}

/** Whether the page scrolls sideways (it must not on a phone). */
export const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

/**
 * One built Turbota on its own database, a headless Chromium, and a signed-in admin: what the
 * console's browser tests of the admin's pages stand on. `env` adds to Turbota's environment
 * (a channel pointed at its fake, say).
 */
export class ConsoleStand {
  /** Script errors of the pages, expected to stay empty. */
  readonly pageErrors: string[] = [];

  private constructor(
    readonly turbota: TurbotaProcess,
    readonly browser: Browser,
    private readonly database: DatabaseHandle,
    private readonly dataDir: string,
    readonly adminKey: string,
  ) {}

  static async start(name: string, env: Record<string, string> = {}): Promise<ConsoleStand> {
    const adminKey = `${name}-admin-key-0123456789abcdef`;
    const [database, browser] = await Promise.all([openTestDatabase(), launchBrowser()]);
    const dataDir = mkdtempSync(join(tmpdir(), `turbota-${name}-`));
    const turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY: adminKey, DATA_DIR: dataDir, ...env })).ready();
    const stand = new ConsoleStand(turbota, browser, database, dataDir, adminKey);
    await stand.invite(ADMIN);
    return stand;
  }

  get url(): string {
    return this.turbota.url;
  }

  /** Calls the API with the admin key (or `key`); a body is sent as JSON, with POST unless told. */
  async api<T>(path: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.key ?? this.adminKey}`, ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }

  /** Runs SQL on Turbota's database (to seed what only time or other channels would make). */
  async sql(text: string, values: unknown[] = []): Promise<void> {
    await this.rows(text, values);
  }

  /** A person invited with the API who accepted with a password. */
  async invite({ password, ...invitation }: { email: string; displayName: string; role: string; password: string }): Promise<void> {
    const invited = await this.api<{ inviteUrl: string }>('/api/v1/users', { body: invitation });
    if (invited.status !== 201) throw new Error(`Inviting ${invitation.email} answered ${invited.status}`);
    const accepted = await fetch(`${this.url}/api/v1/auth/invitations/${invited.body.inviteUrl.split('/').pop()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: this.url },
      body: JSON.stringify({ password }),
    });
    if (accepted.status !== 201) throw new Error(`Accepting the invitation of ${invitation.email} answered ${accepted.status}`);
  }

  /** The admin signed in, in a browser of their own in a language and at a size (`context`: more of its options), on a console page. */
  async asAdmin(path: string, options: { locale?: ConsoleLocale; viewport?: Viewport; context?: BrowserContextOptions } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ viewport: VIEWPORTS[options.viewport ?? 'desktop'], locale: options.locale ?? 'en', ...options.context });
    const page = await context.newPage();
    page.on('console', (message) => {
      // A refused API call (a 400 the page shows at its field) is the browser's console error by design; a CSP refusal is not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) this.pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => this.pageErrors.push(`${error.message} at ${page.url()}`));
    const res = await context.request.post(`${this.url}/api/v1/auth/login`, { data: { email: ADMIN.email, password: ADMIN.password }, headers: { Origin: this.url } });
    if (res.status() !== 200) throw new Error(`The admin's sign-in answered ${res.status()}`);
    await page.goto(`${this.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  /**
   * The page in every language at both sizes: axe as `axeScopeAt` says, no sideways scroll on the phone, a screenshot of each. `prepare` runs after each
   * switch (to open what should be seen). Leaves the page in English at the desktop size.
   */
  async auditEveryWay(page: Page, name: string, prepare: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    for (const locale of CONSOLE_LOCALES) {
      await page.locator('header select').selectOption(locale);
      await waitFor(async () => ((await page.getAttribute('html', 'lang')) === locale ? true : undefined));
      for (const viewport of ['phone', 'desktop'] as const) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        await prepare();
        await saveScreenshot(page, `console-${name}-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
        const scope = axeScopeAt(locale, viewport);
        if (scope) expect({ page: name, locale, viewport, violations: await seriousViolations(page, scope) }).toEqual({ page: name, locale, viewport, violations: [] });
        if (viewport === 'phone') expect({ page: name, locale, sideways: await sidewaysScroll(page) }).toEqual({ page: name, locale, sideways: false });
      }
    }
    await page.locator('header select').selectOption('en');
    await page.setViewportSize(VIEWPORTS.desktop);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.turbota?.stop();
    await this.database?.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The admin `asAdmin` signs in, as the pages name them. */
  get admin(): { email: string; displayName: string } {
    return { email: ADMIN.email, displayName: ADMIN.displayName };
  }

  /** Runs a SQL query on Turbota's database and returns its rows (to see what a page stored or did not). */
  async rows<R extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    return withClient(this.database.url, async (client) => (await client.query<R>(text, values)).rows);
  }
}
