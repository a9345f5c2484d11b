import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DatabaseHandle, withClient } from '@turbota/persistence';
import { axeScopeAt, seriousViolations } from '../support/axe';
import { browserTestsRunHere, launchBrowser, saveScreenshot } from '../support/browser';
import { databaseKind, openTestDatabase } from '../support/test-database';
import { TurbotaProcess } from '../support/turbota-process';

jest.setTimeout(300_000);

const ADMIN_API_KEY = 'console-admin-key-0123456789abcdef';
const LOCALES = ['uk', 'ru', 'en'] as const;
type Locale = (typeof LOCALES)[number];
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/** What the sign-in page says in each language, as a person reads it. */
const SIGN_IN: Record<Locale, { heading: string; button: string; language: string; required: string; title: string }> = {
  uk: { heading: 'Вхід', button: 'Увійти', language: 'Мова', required: 'Заповніть це поле.', title: 'Вхід · Turbota' },
  ru: { heading: 'Вход', button: 'Войти', language: 'Язык', required: 'Заполните это поле.', title: 'Вход · Turbota' },
  en: { heading: 'Sign in', button: 'Sign in', language: 'Language', required: 'Fill this in.', title: 'Sign in · Turbota' },
};

/** The pages one reaches before signing in; the links' tokens are unknown to the server, which the pages must say. */
const PUBLIC_PAGES = {
  login: '/console/login',
  forgot: '/console/forgot',
  setup: '/console/setup/not-the-setup-token',
  invite: '/console/invite/no-such-invitation',
  reset: '/console/reset/no-such-reset',
  'not-found': '/console/no/such/page',
} as const;


const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`the console in a real browser (${databaseKind})`, () => {
  let database: DatabaseHandle;
  let dataDir: string;
  let turbota: TurbotaProcess;
  let browser: Browser;
  /** Script errors and refusals of the page's CSP, expected to stay empty. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'turbota-console-'));
    turbota = await (await TurbotaProcess.start('standalone', { DATABASE_URL: database.url, ADMIN_API_KEY, DATA_DIR: dataDir })).ready();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await turbota?.stop();
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh browser whose languages start with `locale`, at a phone's or a desktop's size, on a console page. */
  async function open(path: string, options: { locale: Locale; viewport: keyof typeof VIEWPORTS }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: VIEWPORTS[options.viewport], locale: options.locale });
    const page = await context.newPage();
    page.on('console', (message) => {
      // A refused API call (an unknown link's 404) is the browser's console error by design; a CSP refusal is not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(`${message.text()} at ${page.url()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.message} at ${page.url()}`));
    await page.goto(`${turbota.url}${path}`);
    await page.locator('main h1').first().waitFor();
    return { context, page };
  }

  const sidewaysScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');

  /** What is wrong with the signed-in header as drawn: its sections on more than one line, or its parts overlapping or off the screen. */
  const headerFaults = (page: Page) =>
    page.evaluate<string[]>(`(() => {
      const faults = [];
      const lines = new Set([...document.querySelectorAll('header .nav__link')].map((link) => Math.round(link.getBoundingClientRect().top)));
      if (lines.size !== 1) faults.push('the sections take ' + lines.size + ' lines');
      const nav = document.querySelector('header .nav');
      if (nav.scrollWidth > nav.clientWidth) faults.push('the sections are cut off');
      const parts = ['.brand', '.live', '.language', '.person__summary', '.nav']
        .map((selector) => [selector, document.querySelector('header ' + selector)])
        .filter(([, element]) => element)
        .map(([selector, element]) => [selector, element.getBoundingClientRect()]);
      for (const [selector, box] of parts) if (box.left < 0 || box.right > document.documentElement.clientWidth) faults.push(selector + ' leaves the screen');
      for (const [i, [a, p]] of parts.entries())
        for (const [b, q] of parts.slice(i + 1)) if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) faults.push(a + ' overlaps ' + b);
      return faults;
    })()`);

  it('serves the built console: its page for every client address, built files cached for good, its own CSP', async () => {
    const home = await fetch(`${turbota.url}/console/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await home.text();

    const deep = await fetch(`${turbota.url}/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b`);
    expect(deep.status).toBe(200);
    await expect(deep.text()).resolves.toBe(html);

    const script = /<script type="module" crossorigin src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link rel="stylesheet" crossorigin href="(\/console\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    for (const asset of [script, style]) {
      expect(asset).toBeDefined();
      const res = await fetch(`${turbota.url}${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    // A missing built file is a 404, never the page in its place.
    expect((await fetch(`${turbota.url}/console/assets/index-missing.js`)).status).toBe(404);
  });

  it.each(LOCALES)('opens sign-in in the browser’s language (%s), and sends an address that needs a session there', async (locale) => {
    const { context, page } = await open('/console/', { locale, viewport: 'desktop' });
    await page.waitForURL(`${turbota.url}/console/login`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(SIGN_IN[locale].heading);
    await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
    await expect(page.title()).resolves.toBe(SIGN_IN[locale].title);
    await expect(page.getByRole('button', { name: SIGN_IN[locale].button, exact: true }).isVisible()).resolves.toBe(true);
    await context.close();

    // A deep address survives the detour through sign-in.
    const deep = await open('/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b', { locale, viewport: 'desktop' });
    await deep.page.waitForURL(/\/console\/login\?next=/);
    expect(new URL(deep.page.url()).searchParams.get('next')).toBe('/console/incidents/0b9d6e2c-3f7a-4d55-9b1e-1c2d3e4f5a6b');
    await deep.context.close();
  });

  it('switches the language in place and remembers the choice', async () => {
    const { context, page } = await open('/console/login', { locale: 'en', viewport: 'phone' });
    await page.getByLabel(SIGN_IN.en.language, { exact: true }).selectOption('uk');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(SIGN_IN.uk.heading);
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('uk');
    await page.reload();
    await page.locator('main h1').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(SIGN_IN.uk.heading);
    await expect(page.getByLabel(SIGN_IN.uk.language, { exact: true }).inputValue()).resolves.toBe('uk');
    await context.close();
  });

  it('says at each field what is missing, in the chosen language, and marks the field', async () => {
    for (const locale of LOCALES) {
      const { context, page } = await open('/console/login', { locale, viewport: 'desktop' });
      await page.getByRole('button', { name: SIGN_IN[locale].button, exact: true }).click();
      const invalid = page.locator('input[aria-invalid="true"]');
      await expect(invalid.count()).resolves.toBe(2);
      // Each field's message is what a screen reader reads with it.
      for (const input of await invalid.all()) {
        const described = (await input.getAttribute('aria-describedby')) ?? '';
        await expect(page.locator(`[id="${described}"]`).textContent()).resolves.toBe(SIGN_IN[locale].required);
      }
      await context.close();
    }
  });

  describe.each(Object.entries(PUBLIC_PAGES))('the %s page', (name, path) => {
    it.each(LOCALES)('has no serious or critical axe violation in %s, and fits a phone’s width', async (locale) => {
      for (const viewport of ['phone', 'desktop'] as const) {
        const { context, page } = await open(path, { locale, viewport });
        await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
        const scope = axeScopeAt(locale, viewport);
        if (scope) await expect(seriousViolations(page, scope)).resolves.toEqual([]);
        if (viewport === 'phone') await expect(sidewaysScroll(page)).resolves.toBe(false);
        await saveScreenshot(page, `console-${name}-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
        await context.close();
      }
    });
  });

  describe('a fresh install worked in the console: setup link, first admin, the desk, people', () => {
    const ADMIN = { email: 'olena@example.com', name: 'Olena Admin', password: 'olena-password-long' };
    const SUPERVISOR = { email: 'ivan@example.com', name: 'Ivan Supervisor', password: 'ivan-password-long' };
    let admin: Page;
    let incidents: { id: string; number: number }[];

    /** A JSON call with the admin's API key (a machine's view of the same data). */
    async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
      const res = await fetch(`${turbota.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${init.key ?? ADMIN_API_KEY}`, ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    }

    /** The sections the keyboard reaches from the product's name, Tab by Tab, each named only when it is on the screen as it has focus. */
    async function sectionsByKeyboard(page: Page): Promise<string[]> {
      await page.locator('header .brand').focus();
      const reached: string[] = [];
      for (let i = await page.locator('header .nav__link').count(); i > 0; i--) {
        await page.keyboard.press('Tab');
        reached.push(
          await page.evaluate<string>(`(() => {
            const focused = document.activeElement;
            const box = focused.getBoundingClientRect();
            const shown = Math.round(box.left) >= 0 && Math.round(box.right) <= document.documentElement.clientWidth;
            return focused.matches('header .nav__link') && shown ? focused.textContent : 'elsewhere: ' + focused.outerHTML.slice(0, 60);
          })()`),
        );
      }
      await page.evaluate('document.activeElement.blur()');
      return reached;
    }

    /** axe and screenshots of the page as it is, in every language and at both widths; back to English on a desktop after. */
    async function auditEveryWay(page: Page, name: string): Promise<void> {
      for (const locale of LOCALES) {
        await page.locator('header select').selectOption(locale);
        await expect(page.getAttribute('html', 'lang')).resolves.toBe(locale);
        for (const viewport of ['phone', 'desktop'] as const) {
          await page.setViewportSize(VIEWPORTS[viewport]);
          const scope = axeScopeAt(locale, viewport);
          if (scope) expect({ page: name, locale, viewport, violations: await seriousViolations(page, scope) }).toEqual({ page: name, locale, viewport, violations: [] });
          if (viewport === 'phone') await expect(sidewaysScroll(page)).resolves.toBe(false);
          expect({ page: name, locale, viewport, header: await headerFaults(page) }).toEqual({ page: name, locale, viewport, header: [] });
          await saveScreenshot(page, `console-${name}-${locale}-${VIEWPORTS[viewport].width}.png`, { fullPage: true });
          if (viewport === 'phone') await expect(sectionsByKeyboard(page)).resolves.toEqual(await page.locator('header .nav__link').allTextContents());
        }
      }
      await page.locator('header select').selectOption('en');
    }

    it('creates the first admin from the setup link the server wrote, who lands on the empty queue', async () => {
      const link = new URL(readFileSync(join(dataDir, 'setup-url'), 'utf8').trim());
      expect(link.pathname).toMatch(/^\/console\/setup\/[\w-]+$/);
      ({ page: admin } = await open(link.pathname, { locale: 'en', viewport: 'desktop' }));
      await admin.getByLabel('E-mail').fill(ADMIN.email);
      await admin.getByLabel('Name').fill(ADMIN.name);
      await admin.getByLabel('New password').fill(ADMIN.password);
      await admin.getByLabel('Repeat the password').fill(`${ADMIN.password}!`);
      await admin.getByRole('button', { name: 'Create the admin and sign in' }).click();
      await expect(admin.getByText('The passwords differ.').isVisible()).resolves.toBe(true);
      await admin.getByLabel('Repeat the password').fill(ADMIN.password);
      await admin.getByRole('button', { name: 'Create the admin and sign in' }).click();
      await admin.waitForURL(`${turbota.url}/console/`);
      await admin.getByText('No incident here.').waitFor();
      await expect(admin.locator('.person__name').textContent()).resolves.toBe(ADMIN.name);
      // The link is spent.
      await expect(api<{ needed: boolean }>('/api/v1/auth/setup')).resolves.toEqual({ status: 200, body: { needed: false } });
    });

    it('shows a person their Slack link from the person menu, by keyboard: a code to type in Slack, the link once made, unlinking', async () => {
      // The person menu opens and leads to the page from the keyboard alone.
      await admin.locator('summary.person__summary').focus();
      await admin.keyboard.press('Enter');
      await admin.keyboard.press('Tab');
      await expect(admin.evaluate<string>('document.activeElement.textContent')).resolves.toBe('Your profile and Slack');
      await admin.keyboard.press('Enter');
      await admin.waitForURL(`${turbota.url}/console/me`);
      await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your profile');
      await expect(admin.locator('details.person').getAttribute('open')).resolves.toBeNull();
      await expect(admin.locator('.me__slack-state').textContent()).resolves.toBe('No Slack user is linked.');
      await expect(admin.getByRole('button', { name: 'Unlink Slack' }).count()).resolves.toBe(0);

      await admin.getByRole('button', { name: 'Get a link code' }).click();
      const command = await admin.getByLabel('Type this in Slack').inputValue();
      expect(command).toMatch(/^\/turbota link [A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await expect(admin.locator('.me__code').textContent()).resolves.toMatch(/The code works once, until .+\d/);

      // The code is typed in Slack, not here (tests/integration/slack-people.test.ts covers that): the
      // link made while the page waits, as an admin's link, shows without a reload.
      const people = await api<{ id: string; email: string }[]>('/api/v1/users');
      const olena = people.body.find((person) => person.email === ADMIN.email)!;
      expect((await api(`/api/v1/users/${olena.id}`, { method: 'PATCH', body: { slackUserId: 'U0OLENA' } })).status).toBe(200);
      await admin.getByText('Linked: your Slack user is U0OLENA.').waitFor();
      await expect(admin.locator('.me__slack-state').textContent()).resolves.toBe('Linked to the Slack user U0OLENA.');
      await expect(admin.getByLabel('Type this in Slack').count()).resolves.toBe(0);

      // With a new code on the screen, the page as a person sees it most: in every language, at both widths.
      await admin.getByRole('button', { name: 'Link another Slack user' }).click();
      await expect(admin.getByLabel('Type this in Slack').inputValue()).resolves.not.toBe(command);
      await auditEveryWay(admin, 'me');

      await admin.getByRole('button', { name: 'Unlink Slack' }).click();
      await admin.getByText('Your Slack user is unlinked', { exact: false }).waitFor();
      await expect(admin.locator('.me__slack-state').textContent()).resolves.toBe('No Slack user is linked.');
      await expect(api<{ slackUserId: string | null }>(`/api/v1/users/${olena.id}`)).resolves.toMatchObject({ status: 200, body: { slackUserId: null } });
      await admin.getByRole('link', { name: 'Incidents', exact: true }).click();
      await admin.getByText('No incident here.').waitFor();
    });

    it('lists reported incidents as they come, without a reload, with a live SLA countdown, red once a deadline has passed', async () => {
      const integration = (await api<{ key: string }>('/api/v1/api-keys', { body: { name: 'CRM', role: 'integration' } })).body.key;
      incidents = [];
      for (const [i, report] of [
        { reasonCode: 'impolite', text: 'The operator hung up on me twice.', score: 1, pointOfService: 'kyiv-central' },
        { reasonCode: 'waiting', text: 'Forty minutes on hold.', score: 4, pointOfService: 'lviv-market' },
      ].entries()) {
        const created = await api<{ id: string; number: number }>('/api/v1/incidents', { key: integration, body: { externalId: `crm-console-${i}`, phone: '+380671234567', locale: 'uk', metric: 'nps', ...report } });
        expect(created.status).toBe(201);
        incidents.push(created.body);
      }
      const row = (number: number) => admin.locator('tr', { has: admin.getByRole('link', { name: `INC-${number}`, exact: true }) });
      // The open queue shows them on its own: the header says it follows changes live.
      await expect(admin.locator('.live--on').textContent()).resolves.toBe('Live');
      for (const { number } of incidents) await row(number).waitFor();

      // A deadline moved into the past changes no incident (no audit row): Refresh reads it.
      await sql(`UPDATE "incident" SET "acknowledge_by" = now() - interval '5 minutes' WHERE "id" = $1`, [incidents[0].id]);
      await admin.getByRole('button', { name: 'Refresh' }).click();
      await row(incidents[0].number).locator('.sla--breached').waitFor();
      await expect(row(incidents[0].number).locator('.sla').textContent()).resolves.toMatch(/^Overdue by 0:0\d:\d\d$/);
      await expect(row(incidents[0].number).locator('.sla--breached').count()).resolves.toBe(1);
      await expect(admin.evaluate(`getComputedStyle(document.querySelector('.sla--breached')).color`)).resolves.toBe('rgb(179, 38, 30)');
      const left = row(incidents[1].number).locator('.sla');
      const before = await left.textContent();
      expect(before).toMatch(/^\d+:\d\d:\d\d left$/);
      await admin.waitForTimeout(1_500);
      await expect(left.textContent()).resolves.not.toBe(before);
      await expect(row(incidents[1].number).textContent()).resolves.toContain('lviv-market');
      await auditEveryWay(admin, 'queue');
    });

    it('acts on an incident with If-Match, and says who changed it first when the page was stale', async () => {
      const [, second] = incidents;
      await admin.getByRole('link', { name: `INC-${second.number}`, exact: true }).click();
      await admin.getByText('Forty minutes on hold.').waitFor();
      // The standard's tasks for the staff come in the console's language, its phrases in the customer's.
      await expect(admin.locator('ol.steps').getAttribute('lang')).resolves.toBe('en');
      await expect(admin.locator('.phrases ul').first().getAttribute('lang')).resolves.toBe('uk');
      // The contact is masked until asked for, and the history keeps who asked.
      await expect(admin.getByText('+380671234567').count()).resolves.toBe(0);
      await admin.getByRole('button', { name: 'Reveal the contact' }).click();
      await admin.getByText('+380671234567').waitFor();
      await expect(admin.locator('.history').textContent()).resolves.toContain(`Contact revealed · ${ADMIN.name}`);

      // Assign to me: the page, the history and the "mine" view say so.
      await admin.getByRole('button', { name: 'Assign to me' }).click();
      await admin.getByText(`${ADMIN.name} (you)`).waitFor();
      await expect(admin.locator('.history').textContent()).resolves.toContain(`Assigned to ${ADMIN.name} · ${ADMIN.name}`);
      await admin.getByRole('link', { name: /All incidents/ }).click();
      await admin.getByRole('link', { name: 'Mine', exact: true }).click();
      await admin.getByRole('link', { name: `INC-${second.number}`, exact: true }).waitFor();
      await expect(admin.getByRole('link', { name: `INC-${incidents[0].number}`, exact: true }).count()).resolves.toBe(0);
      await expect(admin.locator('tr', { hasText: `INC-${second.number}` }).textContent()).resolves.toContain(ADMIN.name);
      await admin.getByRole('link', { name: `INC-${second.number}`, exact: true }).click();
      await admin.getByText('Forty minutes on hold.').waitFor();
      await admin.getByRole('button', { name: 'Acknowledge' }).click();
      await admin.getByText('Done: Acknowledged.').waitFor();
      await expect(admin.locator('.history').textContent()).resolves.toContain(`Acknowledged · ${ADMIN.name}`);

      // With its live updates cut off, the page keeps showing the acknowledged version while a machine moves it on.
      await admin.route('**/api/v1/events**', (route) => route.abort());
      await admin.reload();
      await admin.getByText('Forty minutes on hold.').waitFor();
      await admin.locator('.live--waiting').waitFor();
      // A machine moves it on while the page still shows the acknowledged version.
      const current = await api<{ version: number }>(`/api/v1/incidents/${second.id}`);
      expect((await api(`/api/v1/incidents/${second.id}/transitions`, { body: { action: 'start' }, headers: { 'If-Match': `"${current.body.version}"` } })).status).toBe(201);
      await admin.getByRole('button', { name: 'Resolve' }).click();
      await admin.getByRole('button', { name: 'Resolve' }).last().click();
      await expect(admin.getByText('Fill this in.').isVisible()).resolves.toBe(true);
      await expect(admin.getByText('Choose one.').isVisible()).resolves.toBe(true);
      await admin.getByLabel('What was done').fill('Called back and apologised.');
      await admin.getByLabel('Yes, justified').check();
      await admin.getByRole('button', { name: 'Resolve' }).last().click();
      await admin.getByText(/^Changed by ADMIN_API_KEY a moment ago/).waitFor();
      await expect(admin.locator('.incident__head .status').textContent()).resolves.toBe('In progress');

      // What was typed is still there: sent again, against the version now shown.
      await admin.getByRole('button', { name: 'Resolve' }).last().click();
      await admin.getByText('Done: Resolved.').waitFor();
      await expect(api<{ status: string; justified: boolean }>(`/api/v1/incidents/${second.id}`)).resolves.toMatchObject({ body: { status: 'resolved', justified: true } });
      await admin.unroute('**/api/v1/events**');
      await admin.reload();
      await admin.locator('.live--on').waitFor();
      await auditEveryWay(admin, 'incident');
    });

    it('shows what a person does on an incident on the same incident open in another browser, without a reload', async () => {
      const [first] = incidents;
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'en' });
      await context.addCookies(await admin.context().cookies());
      const other = await context.newPage();
      other.on('pageerror', (error) => pageErrors.push(`${error.message} at ${other.url()}`));
      await other.goto(`${turbota.url}/console/incidents/${first.id}`);
      await other.getByText('The operator hung up on me twice.').waitFor();
      await other.locator('.live--on').waitFor();
      await expect(other.locator('.incident__head .status').textContent()).resolves.toBe('New');

      await admin.goto(`${turbota.url}/console/incidents/${first.id}`);
      await admin.getByRole('button', { name: 'Acknowledge' }).click();
      await admin.getByText('Done: Acknowledged.').waitFor();
      await other.locator('.incident__head .status', { hasText: 'Acknowledged' }).waitFor();
      await expect(other.locator('.history').textContent()).resolves.toContain(`Acknowledged · ${ADMIN.name}`);
      // The queue in that browser has it too.
      await other.getByRole('link', { name: 'Incidents', exact: true }).click();
      await expect(other.locator('tr', { has: other.getByRole('link', { name: `INC-${first.number}`, exact: true }) }).locator('.status').textContent()).resolves.toBe('Acknowledged');
      await saveScreenshot(other, 'console-live-queue-en-390.png', { fullPage: true });
      await context.close();
    });

    it('invites a supervisor, who accepts the link, signs out and back in, and may not manage people', async () => {
      // People are managed among the settings.
      await admin.getByRole('link', { name: 'Settings' }).click();
      await admin.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'People' }).click();
      await admin.getByLabel('E-mail').fill(SUPERVISOR.email);
      await admin.getByLabel('Name').fill(SUPERVISOR.name);
      await admin.getByRole('button', { name: 'Invite', exact: true }).click();
      const link = await admin.getByLabel('Invitation link').inputValue();
      expect(link).toMatch(/\/console\/invite\/[\w-]+$/);
      await admin.locator('tr', { hasText: SUPERVISOR.email }).getByText('Invited').waitFor();
      await auditEveryWay(admin, 'people');

      const { page: supervisor } = await open(new URL(link).pathname, { locale: 'uk', viewport: 'phone' });
      await expect(supervisor.getByText(SUPERVISOR.email, { exact: false }).isVisible()).resolves.toBe(true);
      await supervisor.getByLabel('Новий пароль').fill(SUPERVISOR.password);
      await supervisor.getByLabel('Повторіть пароль').fill(SUPERVISOR.password);
      await supervisor.getByRole('button', { name: 'Прийняти й увійти' }).click();
      await supervisor.waitForURL(`${turbota.url}/console/`);
      await supervisor.getByRole('link', { name: `INC-${incidents[0].number}`, exact: true }).waitFor();
      await expect(supervisor.getByRole('link', { name: 'Налаштування' }).count()).resolves.toBe(0);

      await supervisor.locator('summary.person__summary').click();
      await supervisor.getByRole('button', { name: 'Вийти', exact: true }).click();
      await supervisor.waitForURL(`${turbota.url}/console/login`);
      await supervisor.getByLabel('Електронна пошта').fill(SUPERVISOR.email);
      await supervisor.getByLabel('Пароль').fill('not-the-password');
      await supervisor.getByRole('button', { name: 'Увійти' }).click();
      await expect(supervisor.getByRole('alert').textContent()).resolves.toBe('Неправильна пошта або пароль.');
      await supervisor.getByLabel('Пароль').fill(SUPERVISOR.password);
      await supervisor.getByRole('button', { name: 'Увійти' }).click();
      await supervisor.waitForURL(`${turbota.url}/console/`);
      await supervisor.goto(`${turbota.url}/console/people`);
      await supervisor.getByText('Вам це не дозволено.').waitFor();

      // Deactivated, the supervisor's next call finds the session gone and the page leads to sign-in.
      await admin.locator('tr', { hasText: SUPERVISOR.email }).getByRole('button', { name: 'Deactivate' }).click();
      await admin.getByRole('button', { name: `Deactivate ${SUPERVISOR.name} now` }).click();
      await admin.locator('tr', { hasText: SUPERVISOR.email }).getByText('Deactivated').waitFor();
      await supervisor.getByRole('link', { name: 'Інциденти' }).click();
      await supervisor.waitForURL(/\/console\/login/);
    });

    it('keeps the pages it has shown when a live change reads the queue again', async () => {
      const integration = (await api<{ key: string }>('/api/v1/api-keys', { body: { name: 'CRM backlog', role: 'integration' } })).body.key;
      for (let i = 0; i < 50; i++) {
        const body = { externalId: `crm-backlog-${i}`, phone: `+38050${String(1_000_000 + i)}`, locale: 'uk', metric: 'nps', score: 5, text: `Backlog ${i}.` };
        expect((await api('/api/v1/incidents', { key: integration, body })).status).toBe(201);
      }
      // 52 incidents: the first page holds 50; the oldest, already acknowledged, is on the second.
      const [oldest] = incidents;
      await admin.goto(`${turbota.url}/console/?view=all`);
      await admin.locator('.live--on').waitFor();
      const rows = admin.locator('table.queue tbody tr');
      const row = admin.locator('tr', { has: admin.getByRole('link', { name: `INC-${oldest.number}`, exact: true }) });
      // The live stream can be open before the first page is drawn: wait for the page, then count.
      await admin.getByRole('button', { name: 'Show more' }).waitFor();
      await expect(rows.count()).resolves.toBe(50);
      await admin.getByRole('button', { name: 'Show more' }).click();
      await row.waitFor();
      await expect(rows.count()).resolves.toBe(52);

      // Someone else moves the oldest on: the queue reads both pages again, not just the first.
      const current = await api<{ version: number }>(`/api/v1/incidents/${oldest.id}`);
      expect((await api(`/api/v1/incidents/${oldest.id}/transitions`, { body: { action: 'start' }, headers: { 'If-Match': `"${current.body.version}"` } })).status).toBe(201);
      await row.locator('.status', { hasText: 'In progress' }).waitFor();
      await expect(rows.count()).resolves.toBe(52);
      await expect(admin.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
    });
  });

  /** Runs SQL on the test database (to move a deadline into the past without waiting for it). */
  async function sql(text: string, values: unknown[]): Promise<void> {
    await withClient(database.url, (client) => client.query(text, values));
  }

  it('ran under its Content-Security-Policy without a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
