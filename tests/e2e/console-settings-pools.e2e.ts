import type { Locator, Page } from 'playwright-core';
import { browserTestsRunHere, saveScreenshot } from '../support/browser';
import { type ConsoleLocale, ConsoleStand, VIEWPORTS } from '../support/console-stand';
import { databaseKind } from '../support/test-database';

jest.setTimeout(300_000);

/** The pool the admin writes: an NPS question and a choice, in three languages (then a Likert statement in two). */
const NPS = { uk: 'Чи порадите ви нашу філію?', ru: 'Порекомендуете ли вы наш филиал?', en: 'Would you recommend our branch?' };
const GOAL = { uk: 'Навіщо ви приходили?', ru: 'Зачем вы приходили?', en: 'What did you come for?' };
const OPTIONS = [
  { code: 'card', label: { uk: 'По картку', ru: 'За картой', en: 'A new card' } },
  { code: 'loan', label: { uk: 'По кредит', ru: 'За кредитом', en: 'A loan' } },
];

const runsHere = browserTestsRunHere();

(runsHere ? describe : describe.skip)(`question pools in the console (${databaseKind})`, () => {
  let stand: ConsoleStand;
  let admin: Page;

  beforeAll(async () => {
    stand = await ConsoleStand.start('console-pools');
  });

  afterAll(async () => {
    await stand?.stop();
  });

  /** Types a text in each language into a question's (or option's) three fields. */
  async function fillTexts(scope: Locator, label: string, texts: Partial<Record<ConsoleLocale, string>>): Promise<void> {
    const names = { uk: 'Українська', ru: 'Русский', en: 'English' };
    for (const [locale, text] of Object.entries(texts)) await scope.getByLabel(`${label} · ${names[locale as keyof typeof names]}`, { exact: true }).fill(text);
  }

  it('builds a pool from scratch, shows the missing Russian text at its field, and publishes it once fixed', async () => {
    ({ page: admin } = await stand.asAdmin('/console/settings/pools'));
    await admin.getByRole('heading', { level: 1, name: 'Question pools' }).waitFor();
    await admin.getByRole('link', { name: 'New pool' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Branch visits');

    const first = admin.locator('li.question').nth(0);
    await fillTexts(first, 'Question', NPS);
    await admin.getByLabel('Type of the new question').selectOption('single_choice');
    await admin.getByRole('button', { name: 'Add the question' }).click();
    const second = admin.locator('li.question').nth(1);
    await second.getByLabel('Code', { exact: true }).fill('visit_goal');
    // The Russian question left empty: marked as a translation to add before anything is sent.
    await fillTexts(second, 'Question', { uk: GOAL.uk, en: GOAL.en });
    await expect(second.getByText('No text in Русский yet.').isVisible()).resolves.toBe(true);
    // Written in the wrong order, then put right with the buttons.
    const options = second.locator('li.option');
    for (const [i, option] of [OPTIONS[1], OPTIONS[0]].entries()) {
      await options.nth(i).getByLabel('Option code').fill(option.code);
      await fillTexts(options.nth(i), 'Option label', option.label);
    }
    await second.getByRole('button', { name: 'Move up: Option 2: card' }).click();
    await expect(options.nth(0).getByLabel('Option code').inputValue()).resolves.toBe('card');

    await admin.getByRole('button', { name: 'Create the pool' }).click();
    const russian = second.getByLabel('Question · Русский', { exact: true });
    await admin.getByText('Question "visit_goal" has no text in ru').waitFor();
    await expect(russian.getAttribute('aria-invalid')).resolves.toBe('true');
    // At the field, not a banner over the form: the error is the field's own description.
    const describedBy = (await russian.getAttribute('aria-describedby')) ?? '';
    await expect(admin.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).resolves.toBe('Question "visit_goal" has no text in ru');
    await expect(admin.locator('.message--error').textContent()).resolves.toBe('Some fields need fixing; each is marked below.');
    await admin.evaluate("document.querySelectorAll('li.question')[1].scrollIntoView()");
    await saveScreenshot(admin, 'console-pools-missing-ru-1280.png');

    await russian.fill(GOAL.ru);
    await admin.getByRole('button', { name: 'Create the pool' }).click();
    await admin.getByText('Saved. The pool is at version 1', { exact: false }).waitFor();
    await admin.waitForURL(/\/console\/settings\/pools\/[0-9a-f-]{36}$/);
    await expect(russian.getAttribute('aria-invalid')).resolves.toBe('false');
  });

  it("previews the choice as each channel sends it, and the next web chat survey asks it", async () => {
    // Opened straight after the pool was created: the editor at its new address keeps what is open.
    const second = admin.locator('li.question').nth(1);
    await second.getByRole('button', { name: 'Preview on each channel' }).click();
    await second.getByLabel('Language of the preview').selectOption('en');
    const telegram = second.locator('.preview__channel--telegram');
    await telegram.locator('.preview__inline .preview__key', { hasText: 'A new card' }).waitFor();
    await expect(telegram.locator('.preview__inline .preview__key').allTextContents()).resolves.toEqual(['A new card', 'A loan']);
    await expect(second.locator('.preview__channel--viber .preview__grid .preview__key').allTextContents()).resolves.toEqual(['A new card', 'A loan']);
    await expect(second.locator('.preview__channel--slack .preview__text').textContent()).resolves.toBe(GOAL.en);
    await stand.auditEveryWay(admin, 'pools-editor');

    const poolId = admin.url().split('/').pop()!;
    // A policy pointed at the new pool, in the console.
    const poolUrl = admin.url();
    await admin.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Survey policies' }).click();
    await admin.getByRole('link', { name: 'New policy' }).click();
    await admin.getByLabel('Name', { exact: true }).fill('Branch visits');
    await admin.getByLabel('Question pool').selectOption({ label: 'Branch visits' });
    await admin.getByLabel('Extra questions').fill('1');
    await admin.getByRole('button', { name: 'Create the policy' }).click();
    await admin.getByRole('heading', { name: 'Policy “Branch visits”' }).waitFor();
    const policies = (await stand.api<{ name: string; poolId: string; maxQuestions: number; serviceTypes: string[] }[]>('/api/v1/survey-policies')).body;
    expect(policies.find((p) => p.name === 'Branch visits')).toMatchObject({ poolId, maxQuestions: 1, serviceTypes: [] });
    await admin.goto(poolUrl);

    const customer = await stand.browser.newPage({ viewport: VIEWPORTS.phone, locale: 'en-GB' });
    await customer.goto(`${stand.url}/chat?lang=en`);
    await customer.locator('#chat-log .bubble--bot', { hasText: NPS.en }).waitFor();
    await customer.getByRole('button', { name: '9', exact: true }).click();
    await customer.locator('#chat-log .bubble--bot', { hasText: GOAL.en }).waitFor();
    await expect(customer.getByRole('button', { name: 'A new card', exact: true }).isVisible()).resolves.toBe(true);
    await saveScreenshot(customer, 'console-pools-web-chat-390.png');
    await customer.close();
  });

  it('lists the pool, and shows two versions side by side after a change', async () => {
    const second = admin.locator('li.question').nth(1);
    await second.getByRole('button', { name: 'Move up: Question 2: visit_goal' }).click();
    await fillTexts(admin.locator('li.question').nth(0), 'Question', { en: 'What brought you to us?' });
    await admin.getByRole('button', { name: 'Save as a new version' }).click();
    await admin.getByText('Saved. The pool is at version 2', { exact: false }).waitFor();
    await admin.getByRole('link', { name: 'Version history (now 2)' }).click();
    await admin.locator('table.diff').waitFor();
    await expect(admin.locator('table.diff tbody th').allTextContents()).resolves.toEqual(['visit_goalMoved from place 2 to 1', 'npsMoved from place 1 to 2']);
    await expect(admin.locator('table.diff del').allTextContents()).resolves.toEqual([`Question en: ${GOAL.en}`]);
    await expect(admin.locator('table.diff ins').allTextContents()).resolves.toEqual(['Question en: What brought you to us?']);
    await stand.auditEveryWay(admin, 'pools-history');

    await admin.getByRole('link', { name: 'Back to the pool' }).click();
    await admin.getByRole('link', { name: 'All pools' }).click();
    await admin.getByRole('link', { name: 'Branch visits' }).waitFor();
    await stand.auditEveryWay(admin, 'pools-list');
  });

  it('gives the pool in the languages chosen, and keeps the texts of one left out', async () => {
    await admin.getByRole('link', { name: 'Branch visits' }).click();
    await admin.getByRole('checkbox', { name: 'Русский' }).uncheck();
    await expect(admin.getByLabel('Question · Русский', { exact: true }).count()).resolves.toBe(0);
    // A Likert statement with its factor, needed now in Ukrainian and English only.
    await admin.getByLabel('Type of the new question').selectOption('likert');
    await admin.getByRole('button', { name: 'Add the question' }).click();
    const likert = admin.locator('li.question').nth(2);
    await likert.getByLabel('Factor', { exact: true }).fill('courtesy');
    await fillTexts(likert, 'Statement', { uk: 'Працівник був ввічливим.', en: 'The staff member was polite.' });
    await admin.getByRole('button', { name: 'Save as a new version' }).click();
    await admin.getByText('Saved. The pool is at version 3', { exact: false }).waitFor();

    const pool = (await stand.api<{ locales: string[]; questions: { type: string; factor?: string; text: Record<string, string> }[] }>(`/api/v1/question-pools/${admin.url().split('/').pop()}`)).body;
    expect(pool.locales).toEqual(['uk', 'en']);
    expect(pool.questions[0].text.ru).toBe(GOAL.ru);
    expect(pool.questions[2]).toEqual({ code: 'likert', type: 'likert', factor: 'courtesy', text: { uk: 'Працівник був ввічливим.', en: 'The staff member was polite.' } });
    await admin.getByRole('link', { name: 'Version history (now 3)' }).click();
    await admin.locator('table.diff').waitFor();
    await expect(admin.locator('table.diff del').allTextContents()).resolves.toEqual(['Українська, Русский, English']);
    await expect(admin.locator('table.diff ins').first().textContent()).resolves.toBe('Українська, English');
    expect(stand.pageErrors).toEqual([]);
  });
});
