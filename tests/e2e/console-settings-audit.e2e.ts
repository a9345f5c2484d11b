import { browserTestsRunHere } from '../support/browser';
import { type ConsoleLocale, ConsoleStand } from '../support/console-stand';
import { databaseKind } from '../support/test-database';

jest.setTimeout(300_000);

/** What the audit page says in each language. */
const TEXT: Record<ConsoleLocale, { title: string; point: string; changed: string; before: string; after: string }> = {
  uk: { title: 'Зміни налаштувань · Turbota', point: 'Точка обслуговування', changed: 'зміна', before: 'Було', after: 'Стало' },
  ru: { title: 'Изменения настроек · Turbota', point: 'Точка обслуживания', changed: 'изменение', before: 'Было', after: 'Стало' },
  en: { title: 'Configuration changes · Turbota', point: 'Point of service', changed: 'changed', before: 'Before', after: 'After' },
};

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`the configuration audit in the console, in a real browser (${databaseKind})`, () => {
  let stand: ConsoleStand;

  beforeAll(async () => {
    stand = await ConsoleStand.start('console-audit');
  });

  afterAll(async () => {
    await stand?.stop();
  });

  it("shows a point's change, who made it and each field before and after, in every language and at both sizes", async () => {
    const point = await stand.api<{ id: string }>('/api/v1/points', { body: { code: 'audit-kyiv', name: 'Kyiv, Khreshchatyk 1' } });
    expect(point.status).toBe(201);
    const renamed = await stand.api(`/api/v1/points/${point.body.id}`, { method: 'PATCH', body: { name: 'Kyiv, Khreshchatyk 22' } });
    expect(renamed.status).toBe(200);

    const { context, page } = await stand.asAdmin('/console/settings/audit');
    // Newest first: the rename heads the list, by the admin key, its fields folded until opened.
    const first = page.locator('tbody tr').first();
    await first.waitFor();
    await expect(first.locator('th').textContent()).resolves.toMatch(/\d/);
    await expect(first.textContent()).resolves.toContain('ADMIN_API_KEY');
    await expect(first.textContent()).resolves.toContain('Point of service: Kyiv, Khreshchatyk 22 (audit-kyiv)');
    await expect(first.locator('.audit__action').textContent()).resolves.toBe('changed');
    await expect(first.locator('details dl').isVisible()).resolves.toBe(false);
    await first.locator('details summary').click();
    await expect(first.locator('.audit__field').allTextContents()).resolves.toEqual(['nameBefore Kyiv, Khreshchatyk 1After Kyiv, Khreshchatyk 22']);

    // Filtered to people: the admin's invitation, not the point.
    await page.getByLabel('What was changed').selectOption('person');
    await page.locator('tbody tr', { hasText: stand.admin.displayName }).first().waitFor();
    await expect(page.locator('tbody tr', { hasText: 'audit-kyiv' }).count()).resolves.toBe(0);
    await page.getByLabel('What was changed').selectOption('point');
    await page.locator('tbody tr', { hasText: 'audit-kyiv' }).first().waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);

    // In each language the newest entry reads in it, and its fields open in the pictures.
    await stand.auditEveryWay(page, 'settings-audit', async () => {
      const locale = (await page.getAttribute('html', 'lang')) as ConsoleLocale;
      await expect(page.title()).resolves.toBe(TEXT[locale].title);
      const row = page.locator('tbody tr').first();
      await expect(row.textContent()).resolves.toContain(`${TEXT[locale].point}: Kyiv, Khreshchatyk 22`);
      await expect(row.locator('.audit__action').textContent()).resolves.toBe(TEXT[locale].changed);
      await expect(row.locator('.audit__label').allTextContents()).resolves.toEqual([TEXT[locale].before, TEXT[locale].after]);
      await page.evaluate(`document.querySelector('tbody tr details').open = true`);
    });
    await context.close();
    expect(stand.pageErrors).toEqual([]);
  });
});
