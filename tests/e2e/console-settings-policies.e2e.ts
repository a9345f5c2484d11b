import { browserTestsRunHere, saveScreenshot } from '../support/browser';
import { seriousViolations } from '../support/axe';
import { ConsoleStand, sidewaysScroll } from '../support/console-stand';
import { type Platforms, startPlatforms } from '../support/platforms';
import { databaseKind } from '../support/test-database';

jest.setTimeout(300_000);

const PLATFORMS = { telegram: { token: '7000000004:AAHconsole-policies', secret: 'console-policies-secret' } };
const HOUR = 3_600_000;
// Tokyo keeps no summer time: its clock is UTC+9 all year, so the test can say when its quiet hours end.
const TOKYO_OFFSET = 9 * HOUR;

interface Policy {
  id: string;
  name: string;
  serviceTypes: string[];
  quietHours: { start: string; end: string; timeZone: string } | null;
  cascade: { channel: string; waitMinutes?: number }[];
}

const hhmm = (hour: number) => `${String((hour + 24) % 24).padStart(2, '0')}:00`;

/** Quiet hours in Tokyo from an hour ago until two hours on, and the moment they end. */
function quietNowInTokyo(now: number): { start: string; end: string; endsAt: string } {
  const tokyo = new Date(now + TOKYO_OFFSET);
  const hour = tokyo.getUTCHours();
  const end = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate(), hour + 2) - TOKYO_OFFSET;
  return { start: hhmm(hour - 1), end: hhmm(hour + 2), endsAt: new Date(end).toISOString() };
}

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`survey policies in the console's settings, in a real browser (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let stand: ConsoleStand;
  let integrationKey: string;
  let defaultPolicy: Policy;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    stand = await ConsoleStand.start('console-policies', platforms.env);
    integrationKey = (await stand.api<{ key: string }>('/api/v1/api-keys', { body: { name: 'CRM', role: 'integration' } })).body.key;
    defaultPolicy = (await stand.api<Policy[]>('/api/v1/survey-policies')).body.find((p) => p.serviceTypes.length === 0)!;
  });

  afterAll(async () => {
    await stand?.stop();
    await platforms?.close();
  });

  /** How many contacts, customers and surveys there are: a check adds none. */
  const storedRows = async () =>
    (await stand.rows<{ n: number }>(`SELECT count(*)::int AS n FROM contact UNION ALL SELECT count(*)::int FROM customer UNION ALL SELECT count(*)::int FROM conversation`)).map((row) => row.n);

  it('answers scheduled at the end of the quiet hours the admin just set, storing nothing, and a real report agrees', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/policies');
    await page.getByRole('link', { name: defaultPolicy.name }).click();
    await page.getByRole('heading', { name: `Policy “${defaultPolicy.name}”` }).waitFor();
    const quiet = quietNowInTokyo(Date.now());
    const keepQuiet = page.getByLabel('Keep quiet hours');
    if (!(await keepQuiet.isChecked())) await keepQuiet.check();
    await page.getByLabel('From', { exact: true }).fill(quiet.start);
    await page.getByLabel('Until', { exact: true }).fill(quiet.end);
    await page.getByLabel('Time zone').fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await stand.api<Policy>(`/api/v1/survey-policies/${defaultPolicy.id}`);
    expect(saved.body.quietHours).toEqual({ start: quiet.start, end: quiet.end, timeZone: 'Asia/Tokyo' });
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policy-desktop-en.png', { fullPage: true });

    await page.getByRole('link', { name: 'All policies' }).click();
    await page.getByRole('heading', { name: 'What would happen' }).waitFor();
    await page.getByLabel('Channel', { exact: true }).selectOption('telegram');
    await page.getByLabel('Address on the channel').fill('5000001');
    const occurredAt = await page.getByLabel('Contact finished at').inputValue();
    const storedBefore = await storedRows();
    await page.getByRole('button', { name: 'Check' }).click();
    const result = page.locator('.check-result');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('scheduled');
    expect(await result.getAttribute('data-scheduled-for')).toBe(quiet.endsAt);
    expect(await result.locator('.check-result__decision').textContent()).toMatch(/^Scheduled for .+ \(Asia\/Tokyo\), .+ your time: the invitation waits for the end of the quiet hours\.$/);
    expect(await result.textContent()).toContain(`Decided by the policy “${defaultPolicy.name}”.`);
    expect(await storedRows()).toEqual(storedBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policies-desktop-en.png', { fullPage: true });

    // The same contact reported for real: the same decision and time.
    const body = { externalId: 'crm-5000001', customer: { channel: 'telegram', address: '5000001' }, occurredAt: new Date(occurredAt).toISOString() };
    const reported = await stand.api<{ decision: string; scheduledFor?: string }>('/api/v1/contacts', { body, key: integrationKey });
    expect(reported.status).toBe(201);
    expect(reported.body).toMatchObject({ decision: 'scheduled', scheduledFor: quiet.endsAt });
    await context.close();
  });

  it('shows a refused setting at its field, and works on a phone in Ukrainian', async () => {
    const { context, page } = await stand.asAdmin(`/console/settings/policies/${defaultPolicy.id}`, { locale: 'uk', viewport: 'phone' });
    await page.getByRole('heading', { name: `Політика «${defaultPolicy.name}»` }).waitFor();
    await page.getByLabel('Час на відповідь, хвилин').fill('60');
    await page.getByLabel('Нагадування через, хвилин').fill('120');
    await page.getByRole('button', { name: 'Зберегти зміни' }).click();
    const reminder = page.getByLabel('Нагадування через, хвилин');
    await page.locator('.field__error', { hasText: 'must be shorter than answerTimeoutMinutes' }).waitFor();
    expect(await reminder.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Час на відповідь, хвилин').getAttribute('aria-invalid')).toBe('false');
    expect(await sidewaysScroll(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policy-phone-uk.png', { fullPage: true });

    await page.getByRole('link', { name: 'Усі політики' }).click();
    await page.getByRole('heading', { name: 'Що станеться' }).waitFor();
    await page.getByLabel('Адреса в каналі').fill('5000002');
    await page.getByLabel('Телефон').fill('12');
    await page.getByRole('button', { name: 'Перевірити' }).click();
    await page.locator('.field__error[lang="en"]').first().waitFor();
    expect(await page.getByLabel('Телефон').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Телефон').fill('');
    await page.getByRole('button', { name: 'Перевірити' }).click();
    await page.locator('.check-result').waitFor();
    expect(await page.locator('.check-result__decision').textContent()).toMatch(/^Заплановано на .+ \(Asia\/Tokyo\), тобто .+ за вашим часом/);
    expect(await sidewaysScroll(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'console-settings-policies-phone-uk.png', { fullPage: true });

    await page.getByRole('link', { name: 'Нова політика' }).click();
    await page.getByLabel('Назва', { exact: true }).fill('Нічні дзвінки');
    await page.getByLabel('Типи послуг').fill('night, weekend');
    await page.getByRole('button', { name: 'Створити політику' }).click();
    await page.getByRole('heading', { name: 'Політика «Нічні дзвінки»' }).waitFor();
    const created = (await stand.api<Policy[]>('/api/v1/survey-policies')).body.find((p) => p.name === 'Нічні дзвінки');
    expect(created).toMatchObject({ serviceTypes: ['night', 'weekend'], quietHours: null });
    await context.close();
    expect(stand.pageErrors).toEqual([]);
  });

  it('saves an invitation cascade built step by step, showing a refused wait at its step', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/policies');
    await page.getByRole('link', { name: 'New policy' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Cards by cascade');
    await page.getByLabel('Service types').fill('card-issue');
    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.getByRole('button', { name: 'Add a channel' }).click();
    await page.getByLabel('Step 1: channel').selectOption('sms');
    await page.getByLabel('Step 2: channel').selectOption('viber');
    // Viber first: moved up, the wait staying with the first position.
    await page.locator('.cascade__step').nth(1).getByRole('button', { name: 'Move up' }).click();
    expect(await page.getByLabel('Step 1: channel').inputValue()).toBe('viber');
    await page.getByLabel('Then wait, minutes').fill('2');
    await page.getByRole('button', { name: 'Create the policy' }).click();
    await page.locator('.field__error', { hasText: 'must be at least 5 minutes' }).waitFor();
    expect(await page.getByLabel('Then wait, minutes').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'console-settings-policy-cascade-desktop-en.png', { fullPage: true });

    await page.getByLabel('Then wait, minutes').fill('30');
    await page.getByRole('button', { name: 'Create the policy' }).click();
    await page.getByRole('heading', { name: 'Policy “Cards by cascade”' }).waitFor();
    const created = (await stand.api<Policy[]>('/api/v1/survey-policies')).body.find((p) => p.name === 'Cards by cascade');
    expect(created).toMatchObject({ cascade: [{ channel: 'viber', waitMinutes: 30 }, { channel: 'sms' }] });
    expect(await page.getByLabel('Step 2: channel').inputValue()).toBe('sms');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    // The saved cascade at both widths in every language: names, not ids, and no sideways scroll.
    const firstStep = { uk: 'Крок 1: канал', ru: 'Шаг 1: канал', en: 'Step 1: channel' } as const;
    for (const locale of ['uk', 'ru', 'en'] as const) {
      for (const viewport of ['phone', 'desktop'] as const) {
        const opened = await stand.asAdmin(`/console/settings/policies/${created!.id}`, { locale, viewport });
        await opened.page.locator('.cascade__step').nth(1).waitFor();
        expect(await opened.page.getByLabel(firstStep[locale]).locator('option:checked').textContent()).toBe('Viber');
        expect(await sidewaysScroll(opened.page)).toBe(false);
        expect(await seriousViolations(opened.page)).toEqual([]);
        await saveScreenshot(opened.page, `console-settings-policy-cascade-${locale}-${viewport === 'phone' ? 390 : 1280}.png`, { fullPage: true });
        await opened.context.close();
      }
    }
    expect(stand.pageErrors).toEqual([]);
  });
});
