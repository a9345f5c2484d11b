import { browserTestsRunHere } from '../support/browser';
import { ChatClient } from '../support/chat-client';
import { ConsoleStand } from '../support/console-stand';
import { databaseKind } from '../support/test-database';

jest.setTimeout(300_000);

interface StandardJson {
  version: number;
  events: Record<string, { tasks: Record<string, string>[]; actions: { code: string; phrases: Record<string, string[]> }[] }>;
}

const NEW_GREETINGS = ['Hello from the new standard, first variant.', 'Hello from the new standard, second variant.'];

const runsHere = browserTestsRunHere();

/**
 * The service standard's editor: an admin rewrites the greeting, is stopped at the Russian task
 * left empty, publishes, and the next web chat customer is greeted with the new words; a version
 * published elsewhere meanwhile is not overwritten unseen; two versions compare side by side.
 */
(runsHere ? describe : describe.skip)(`the service standard in the console (${databaseKind})`, () => {
  let stand: ConsoleStand;

  beforeAll(async () => {
    stand = await ConsoleStand.start('console-standard');
  });

  afterAll(async () => {
    await stand?.stop();
  });

  it('publishes what the admin wrote, marks what is missing at its field, and the bot says it next', async () => {
    const before = (await stand.api<StandardJson>('/api/v1/standard')).body;
    const { context, page } = await stand.asAdmin('/console/settings/standard');
    await page.getByRole('heading', { level: 1, name: 'Service standard' }).waitFor();

    const invitation = page.locator('details', { hasText: 'Invitation to the survey' });
    await invitation.locator('summary').click();
    const greeting = invitation.locator('fieldset', { hasText: 'Action 1' });
    const english = greeting.getByRole('group', { name: 'Action 1: English' });
    await english.getByRole('textbox', { name: 'Variant 1', exact: true }).fill(NEW_GREETINGS[0]);
    await english.getByRole('textbox', { name: 'Variant 2', exact: true }).fill(NEW_GREETINGS[1]);
    // The other variants go, so that every customer hears one of the two.
    while ((await english.getByRole('textbox', { name: 'Variant 3', exact: true }).count()) > 0) await english.getByRole('button', { name: 'Remove: Variant 3, English' }).click();
    // A new task with its Russian text left out.
    await invitation.getByRole('button', { name: 'Add a task' }).click();
    const task = invitation.locator('fieldset', { hasText: `Task ${before.events.invitation.tasks.length + 1}` });
    await task.getByLabel('Українська').fill('Привітайтеся коротко.');
    await task.getByLabel('English').fill('Keep the greeting short.');
    await page.getByRole('button', { name: 'Publish a new version' }).click();

    await page.getByText('Some texts are empty or wrong; they are marked below.').waitFor();
    const russian = task.getByLabel('Русский');
    await expect(russian.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(task.getByText('Missing: fill it in').count()).resolves.toBe(1);
    await expect(stand.api<StandardJson>('/api/v1/standard')).resolves.toMatchObject({ body: { version: before.version } });

    await russian.fill('Поздоровайтесь коротко.');
    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByText(`Version ${before.version + 1} is published.`).waitFor();
    const after = (await stand.api<StandardJson>('/api/v1/standard')).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.events.invitation.actions[0].phrases.en).toEqual(NEW_GREETINGS);
    expect(after.events.invitation.tasks.at(-1)).toEqual({ uk: 'Привітайтеся коротко.', ru: 'Поздоровайтесь коротко.', en: 'Keep the greeting short.' });
    // Nothing else of the table changed.
    expect({ ...after.events, invitation: null }).toEqual({ ...before.events, invitation: null });

    // The next customer of the web chat is greeted with the new words.
    const opened = await new ChatClient(stand.url).open({ locale: 'en' });
    const said = opened.messages.filter((m) => m.from === 'bot').map((m) => m.prompt?.text ?? m.text ?? '').join('\n');
    expect(NEW_GREETINGS.some((words) => said.includes(words))).toBe(true);

    // The two versions side by side: the greeting's old and new words, the task added.
    await page.getByRole('button', { name: 'Compare two versions' }).click();
    const compare = page.getByRole('region', { name: 'Compare two versions' });
    const row = compare.locator('tr', { hasText: before.events.invitation.actions[0].code });
    await row.getByText(NEW_GREETINGS[0]).waitFor();
    await row.getByText(before.events.invitation.actions[0].phrases.en[0]).waitFor();
    await compare.locator('tr', { hasText: 'added' }).getByText('Keep the greeting short.').waitFor();
    await expect(compare.locator('h3').allTextContents()).resolves.toEqual(['Invitation to the survey']);
    await context.close();
  });

  it('keeps the edits and says so when someone else published first, and replaces that version only when asked again', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/standard');
    const current = (await stand.api<StandardJson>('/api/v1/standard')).body;
    const promoter = page.locator('details', { hasText: 'A high score (9–10)' });
    await promoter.locator('summary').click();
    const ours = 'Thank you, that made our day.';
    await promoter.getByRole('group', { name: 'Action 1: English' }).getByRole('textbox', { name: 'Variant 1', exact: true }).fill(ours);

    // Meanwhile an integration publishes its own change to another event.
    const theirs = structuredClone(current.events);
    theirs.passive.actions[0].phrases.en[0] = 'Thanks, we will do better still.';
    const elsewhere = await stand.api<StandardJson>('/api/v1/standard', { method: 'PUT', body: { events: theirs }, headers: { 'If-Match': `"${current.version}"` } });
    expect(elsewhere.status).toBe(200);

    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByText(`Someone published version ${current.version + 1} while you were editing.`).waitFor();
    await expect(promoter.getByRole('group', { name: 'Action 1: English' }).getByRole('textbox', { name: 'Variant 1', exact: true }).inputValue()).resolves.toBe(ours);
    await expect(stand.api<StandardJson>('/api/v1/standard')).resolves.toMatchObject({ body: { version: current.version + 1 } });

    await page.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByText(`Version ${current.version + 2} is published.`).waitFor();
    const last = (await stand.api<StandardJson>('/api/v1/standard')).body;
    expect(last.events.promoter.actions[0].phrases.en[0]).toBe(ours);
    await context.close();
  });

  it('reads well in every language at a phone’s and a desktop’s width, with no serious accessibility fault', async () => {
    // Two versions at least, so that the comparison has something to show.
    const current = (await stand.api<StandardJson>('/api/v1/standard')).body;
    if (current.version === 1) {
      current.events.detractor.tasks[0].en = 'Let the customer speak first.';
      await expect(stand.api('/api/v1/standard', { method: 'PUT', body: { events: current.events } })).resolves.toMatchObject({ status: 200 });
    }
    const { context, page } = await stand.asAdmin('/console/settings/standard');
    const open = async () => {
      await page.evaluate(`document.querySelector('details.standard__event').open = true`);
      if ((await page.locator('.standard__diff').count()) === 0) await page.locator('.standard__bar button[aria-expanded]').click();
      await page.locator('.standard__diff-table').first().waitFor();
    };
    await page.setViewportSize({ width: 390, height: 844 });
    await open();
    await stand.auditEveryWay(page, 'settings-standard', open);
    expect(stand.pageErrors).toEqual([]);
    await context.close();
  });
});
