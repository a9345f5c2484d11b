import type { Page } from 'playwright-core';
import { browserTestsRunHere, saveScreenshot } from '../support/browser';
import { ConsoleStand } from '../support/console-stand';
import { FakeViber } from '../support/fake-viber';
import { type Platforms, startPlatforms } from '../support/platforms';
import { decodePng } from '../support/qr-decode';
import { databaseKind } from '../support/test-database';
import { waitFor } from '../support/wait-for';

jest.setTimeout(300_000);

const PLATFORMS = {
  telegram: { token: '7000000003:AAHpoints-console', secret: 'points-console-secret_1' },
  viber: { authToken: '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a0console' },
};
const POINT = { name: 'Kyiv, Khreshchatyk branch', code: 'kyiv-central', address: 'Khreshchatyk St, 22' };
/** What the sheet invites customers to do, per language, as printed. */
const HEADINGS = { uk: 'Розкажіть, як ми впоралися', ru: 'Расскажите, как мы справились', en: 'Tell us how we did' } as const;
/** Paper sizes in PDF points (1/72 inch): A4 is 210 × 297 mm, A6 105 × 148 mm. */
const PAPER = { a4: [595.28, 841.89], a6: [297.64, 419.53] } as const;

const runsHere = browserTestsRunHere();

/**
 * The points of service and API keys sections, on one built Turbota with Telegram and Viber on
 * against their fakes: an admin creates a point, prints its sheet at A4 and A6 and every code on
 * it scans to the right link; creates an API key, sees it once, uses it, revokes it.
 */
(runsHere ? describe : describe.skip)(`the console's points of service and API keys (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let stand: ConsoleStand;
  let admin: Page;
  let pointId: string;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    stand = await ConsoleStand.start('console-points', platforms.env);
  });

  afterAll(async () => {
    await stand?.stop();
    await platforms?.close();
  });

  /** The links the point's codes must carry: the web chat at the address the browser used, the bots' deep links. */
  const expectedLinks = () => ({
    webchat: `${stand.url}/chat?point=${POINT.code}`,
    telegram: `https://t.me/turbota_bot?start=${POINT.code}`,
    viber: `viber://pa?chatURI=${FakeViber.ACCOUNT_URI}&context=${POINT.code}`,
  });

  /** The error shown at a field, as a screen reader reads it with the field. */
  async function errorAt(page: Page, label: string): Promise<string | null> {
    const described = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
    const error = described.split(' ').find((id) => id.endsWith('-error'));
    return error ? page.locator(`[id="${error}"]`).textContent() : null;
  }

  /** Waits until every QR image on the page has loaded. */
  const codesLoaded = (page: Page, selector: string) =>
    waitFor(async () => {
      const images = await page.locator(selector).evaluateAll((found) => found.map((img) => img as unknown as { complete: boolean; naturalWidth: number }).map(({ complete, naturalWidth }) => complete && naturalWidth > 0));
      return images.length > 0 && images.every(Boolean) ? true : undefined;
    }, 10_000);

  /** Each code on the sheet read back from a screenshot of it, by its target. */
  async function scannedCodes(page: Page): Promise<Record<string, string>> {
    await codesLoaded(page, '.sheet__code img');
    const scanned: Record<string, string> = {};
    for (const code of await page.locator('.sheet__code').all()) {
      scanned[(await code.getAttribute('data-target')) ?? '?'] = decodePng(await code.locator('img').screenshot());
    }
    return scanned;
  }

  /** The page size of a one-page PDF, in points. */
  function pdfPages(pdf: Buffer): number[][] {
    return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(([, width, height]) => [Number(width), Number(height)]);
  }

  it('creates a point in the console, the API’s refusal shown at the field it names, and shows its three codes', async () => {
    // Sharper pixels for the QR codes read back from screenshots.
    ({ page: admin } = await stand.asAdmin('/console/', { context: { deviceScaleFactor: 2 } }));
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Points of service' }).click();
    await admin.waitForURL(`${stand.url}/console/settings/points`);
    await admin.getByText('No point of service yet.', { exact: false }).waitFor();
    await admin.getByLabel('Name', { exact: true }).fill(POINT.name);
    await admin.getByLabel('Code', { exact: true }).fill('kyiv central!');
    await admin.getByLabel('Address', { exact: true }).fill(POINT.address);
    await admin.getByLabel('Time zone', { exact: true }).fill('Europe/Atlantis');
    await admin.getByRole('button', { name: 'Create the point' }).click();
    await admin.locator('input[name="code"][aria-invalid="true"]').waitFor();
    await expect(errorAt(admin, 'Code')).resolves.toMatch(/letters, digits/i);
    await expect(errorAt(admin, 'Time zone')).resolves.toMatch(/IANA time zone/);
    await expect(errorAt(admin, 'Name')).resolves.toBeNull();
    await expect(admin.locator('.message--error').count()).resolves.toBe(0);

    await admin.getByLabel('Code', { exact: true }).fill(POINT.code);
    await admin.getByLabel('Time zone', { exact: true }).fill('Europe/Kyiv');
    await admin.getByRole('button', { name: 'Create the point' }).click();
    await admin.getByText(`Point “${POINT.name}” created.`).waitFor();
    const row = admin.locator('tr', { hasText: POINT.code });
    await expect(row.getByText(POINT.address).textContent()).resolves.toBe(POINT.address);

    await row.getByRole('link', { name: POINT.name, exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: POINT.name }).waitFor();
    pointId = admin.url().split('/').pop()!;
    await codesLoaded(admin, '.point-codes__image');
    await expect(admin.locator('.point-codes__image').count()).resolves.toBe(3);
    const links = expectedLinks();
    await expect(admin.getByLabel('Link: Web chat').inputValue()).resolves.toBe(links.webchat);
    await expect(admin.getByLabel('Link: Telegram').inputValue()).resolves.toBe(links.telegram);
    await expect(admin.getByLabel('Link: Viber').inputValue()).resolves.toBe(links.viber);
    expect(decodePng(await admin.getByAltText('QR code: Telegram').screenshot())).toBe(links.telegram);

    // A change is saved, and a refused one is shown at its field.
    await admin.getByLabel('Greeting (English)').fill('Welcome to Khreshchatyk!');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Saved.').waitFor();
    await expect(stand.api(`/api/v1/points/${pointId}`)).resolves.toMatchObject({ status: 200, body: { code: POINT.code, timeZone: 'Europe/Kyiv', greeting: { en: 'Welcome to Khreshchatyk!' } } });
  });

  it.each(['a4', 'a6'] as const)('prints a %s sheet of the point’s name, an invitation in the chosen language and three codes that scan to its links, nothing of the console', async (size) => {
    await admin.goto(`${stand.url}/console/settings/points/${pointId}/sheet?size=${size}&lang=uk`);
    const sheet = admin.locator('.sheet');
    await sheet.waitFor();
    await expect(sheet.getAttribute('lang')).resolves.toBe('uk');
    await expect(sheet.locator('.sheet__point').textContent()).resolves.toBe(POINT.name);
    await expect(sheet.locator('.sheet__heading').textContent()).resolves.toBe(HEADINGS.uk);
    await expect(sheet.locator('.sheet__caption').allTextContents()).resolves.toEqual(['Вебчат у браузері', 'Telegram', 'Viber']);
    await expect(scannedCodes(admin)).resolves.toEqual(expectedLinks());
    await saveScreenshot(admin, `console-point-sheet-${size}-screen-1280.png`, { fullPage: true });

    // On paper: the sheet alone, at its size, and its codes still scan.
    await admin.emulateMedia({ media: 'print' });
    await expect(admin.locator('header.top').isVisible()).resolves.toBe(false);
    await expect(admin.locator('.settings__nav').isVisible()).resolves.toBe(false);
    await expect(admin.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await expect(scannedCodes(admin)).resolves.toEqual(expectedLinks());
    await saveScreenshot(admin, `console-point-sheet-${size}-print.png`, { fullPage: true });
    // The paper the browser prints on: the size the sheet's CSS asks for (media back to the browser's own, which prints as print).
    await admin.emulateMedia({ media: null });
    const pages = pdfPages(await admin.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    const [[width, height]] = pages;
    expect(Math.abs(width - PAPER[size][0])).toBeLessThan(2);
    expect(Math.abs(height - PAPER[size][1])).toBeLessThan(2);
  });

  it('switches the sheet’s language and size in place, and says which codes are left off and why', async () => {
    await admin.goto(`${stand.url}/console/settings/points/${pointId}/sheet?size=a4&lang=uk`);
    await admin.getByLabel('Language of the sheet').selectOption('ru');
    await expect(admin.locator('.sheet__heading').textContent()).resolves.toBe(HEADINGS.ru);
    await admin.getByLabel('Size').selectOption('a6');
    await expect(admin.locator('.sheet').getAttribute('data-size')).resolves.toBe('a6');
    expect(new URL(admin.url()).search).toBe('?size=a6&lang=ru');

    // As the API answers when Viber is off: the sheet prints the other two and the admin reads why.
    await admin.route('**/api/v1/points/*/links', async (route) => {
      const links = (await (await route.fetch()).json()) as { target: string }[];
      const off = { url: null, missing: 'off', reason: 'The Viber channel is off: set VIBER_AUTH_TOKEN to make its QR code' };
      await route.fulfill({ json: links.map((link) => (link.target === 'viber' ? { ...link, ...off } : link)) });
    });
    await admin.reload();
    await admin.getByText('No code: Viber is not set up on this server.').waitFor();
    await expect(admin.getByText(/set VIBER_AUTH_TOKEN/).isVisible()).resolves.toBe(true);
    const { webchat, telegram: telegramLink } = expectedLinks();
    await expect(scannedCodes(admin)).resolves.toEqual({ webchat, telegram: telegramLink });
    await admin.unroute('**/api/v1/points/*/links');
  });

  it('creates an API key whose secret shows once, works against the API, and stops working once revoked', async () => {
    await admin.goto(`${stand.url}/console/settings/keys`);
    await admin.getByLabel('What it is for').fill('Reports export');
    await admin.getByLabel('Role', { exact: true }).selectOption('viewer');
    await admin.getByRole('button', { name: 'Create the key' }).click();
    await admin.getByText('Key “Reports export” created.').waitFor();
    await expect(admin.getByText('you will not see it again', { exact: false }).isVisible()).resolves.toBe(true);
    const secret = await admin.getByLabel('The key', { exact: true }).inputValue();
    expect(secret).toMatch(/^tb_[\w-]{43}$/);
    await expect(admin.getByRole('button', { name: 'Copy' }).isVisible()).resolves.toBe(true);

    const asKey = () => stand.api('/api/v1/points', { key: secret });
    await expect(asKey()).resolves.toEqual({ status: 200, body: [expect.objectContaining({ code: POINT.code })] });

    // Never again: a fresh look at the page lists the key without it.
    await admin.reload();
    const row = admin.locator('tr', { hasText: 'Reports export' });
    await row.waitFor();
    await expect(admin.getByLabel('The key', { exact: true }).count()).resolves.toBe(0);
    await expect(admin.locator('body').textContent()).resolves.not.toContain(secret);
    await expect(row.textContent()).resolves.toContain('Viewer');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke “Reports export” now' }).click();
    await admin.getByText('Key “Reports export” revoked: it no longer works.').waitFor();
    await expect(admin.locator('tr', { hasText: 'Reports export' }).count()).resolves.toBe(0);
    expect((await asKey()).status).toBe(401);

    // The last admin key is kept, and the page says why.
    const adminRow = admin.locator('tr', { hasText: 'ADMIN_API_KEY' });
    await adminRow.getByRole('button', { name: 'Revoke' }).click();
    await adminRow.getByRole('button', { name: /^Revoke “.*” now$/ }).click();
    await admin.getByText('This is the last active admin key', { exact: false }).waitFor();
  });

  it('has no serious or critical axe violation on these pages in any language, at a phone’s and a desktop’s width', async () => {
    const pages = {
      points: '/console/settings/points',
      point: `/console/settings/points/${pointId}`,
      // No language asked: the sheet is in the console's.
      'point-sheet': `/console/settings/points/${pointId}/sheet?size=a4`,
      keys: '/console/settings/keys',
    };
    for (const [name, path] of Object.entries(pages)) {
      await admin.goto(`${stand.url}${path}`);
      await admin.locator('main h1').waitFor();
      const loaded = async () => {
        await admin.locator('.loading').waitFor({ state: 'detached' });
        if (name === 'point' || name === 'point-sheet') await codesLoaded(admin, 'main img');
      };
      await stand.auditEveryWay(admin, `settings-${name}`, loaded);
    }
  });

  it('raised no script error on any page', () => {
    expect(stand.pageErrors).toEqual([]);
  });
});
