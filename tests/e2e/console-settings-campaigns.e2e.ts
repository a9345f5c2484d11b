import type { Page } from 'playwright-core';
import { browserTestsRunHere } from '../support/browser';
import { ConsoleStand } from '../support/console-stand';
import { type Platforms, startPlatforms } from '../support/platforms';
import { databaseKind } from '../support/test-database';

jest.setTimeout(300_000);

const PLATFORMS = { telegram: { token: '7000000009:AAHconsole-campaigns', secret: 'console-campaigns-secret' } };
const CUSTOMERS = 300;

interface Estimate {
  eligible: number;
  answersNeeded: number;
  invitationsNeeded: number;
  enough: boolean;
}
interface Campaign {
  id: string;
  name: string;
  status: string;
  planned: number;
  eligible: number;
}

const runsHere = browserTestsRunHere();

/**
 * Campaigns in the console: the estimate beside the form is the API's, a precision chosen puts
 * its invitations into the size, the campaign started draws that many, the next estimate counts
 * them out, and a cancelled campaign says so.
 */
(runsHere ? describe : describe.skip)(`campaigns in the console (${databaseKind})`, () => {
  let platforms: Platforms<typeof PLATFORMS>;
  let stand: ConsoleStand;
  let policyId: string;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    stand = await ConsoleStand.start('console-campaigns', platforms.env);
    // Customers known from earlier Telegram chats.
    await stand.sql(
      `WITH c AS (INSERT INTO customer (locale) SELECT 'uk' FROM generate_series(1, $1) RETURNING id)
       INSERT INTO customer_identity (customer_id, channel, address) SELECT id, 'telegram', (8000000 + row_number() OVER ())::text FROM c`,
      [CUSTOMERS],
    );
    const pools = await stand.api<{ id: string; name: string }[]>('/api/v1/question-pools');
    const policy = await stand.api<{ id: string }>('/api/v1/survey-policies', {
      body: { name: 'Loyalty wave', serviceTypes: ['representative'], integralMetric: 'nps', poolId: pools.body.find((p) => p.name === 'Post-contact')!.id, reasonQuestion: 'reason', cooldownDays: 30 },
    });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
  });

  afterAll(async () => {
    await stand?.stop();
    await platforms?.close();
  });

  const estimate = async (marginPoints: number) => (await stand.api<Estimate>(`/api/v1/campaigns/estimate?policyId=${policyId}&channel=telegram&marginPoints=${marginPoints}`)).body;
  const whole = (n: number) => new Intl.NumberFormat('en').format(n);
  const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).textContent();
  /** Waits until the estimate's figure reads `text` (it is read again after each choice). */
  const shows = (page: Page, name: string, text: string) => page.locator(`[data-figure="${name}"]:text-is("${text}")`).waitFor();

  it('shows the API’s estimate, starts the campaign it suggests, and cancels it', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/campaigns');
    await page.getByRole('heading', { level: 2, name: 'New campaign' }).waitFor();
    await page.getByLabel('Channel').selectOption('telegram');
    await page.getByLabel('±10 points').check();
    const tenPoints = await estimate(10);
    expect(tenPoints).toMatchObject({ eligible: CUSTOMERS, enough: true });
    await shows(page, 'answers', whole(tenPoints.answersNeeded));
    await expect(figure(page, 'eligible')).resolves.toBe(whole(CUSTOMERS));
    await expect(figure(page, 'invitations')).resolves.toBe(whole(tenPoints.invitationsNeeded));

    // ±5 from 300 customers is out of reach: the page says what inviting everyone would give.
    await page.getByLabel('±5 points').check();
    await page.getByText('Not enough customers for ±5').waitFor();
    await page.getByLabel('±10 points').check();
    await page.getByRole('button', { name: `Invite ${whole(tenPoints.invitationsNeeded)}` }).click();
    await expect(page.getByLabel('Customers to invite').inputValue()).resolves.toBe(String(tenPoints.invitationsNeeded));

    // No name: the API's refusal is shown at the field.
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await page.getByLabel('Name').and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByLabel('Name').fill('Winter loyalty');
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await page.getByText(`The campaign “Winter loyalty” is planned: ${tenPoints.invitationsNeeded} invitations.`).waitFor();

    const [started] = (await stand.api<Campaign[]>('/api/v1/campaigns')).body;
    expect(started).toMatchObject({ name: 'Winter loyalty', status: 'active', planned: tenPoints.invitationsNeeded, eligible: CUSTOMERS });
    const card = page.getByRole('article', { name: 'Winter loyalty' });
    await card.getByText(`Sent 0 of ${tenPoints.invitationsNeeded}`).waitFor();
    // The next estimate counts the drawn customers out.
    await shows(page, 'eligible', whole(CUSTOMERS - tenPoints.invitationsNeeded));

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Cancel the campaign' }).click();
    await card.getByText('Cancelled').waitFor();
    await expect(stand.api<Campaign>(`/api/v1/campaigns/${started.id}`)).resolves.toMatchObject({ body: { status: 'cancelled' } });
    await context.close();
  });

  it('reads well in every language at a phone’s and a desktop’s width, with no serious accessibility fault', async () => {
    const { context, page } = await stand.asAdmin('/console/settings/campaigns');
    await page.locator('[data-figure="eligible"]').waitFor();
    await stand.auditEveryWay(page, 'settings-campaigns', () => page.locator('[data-figure="eligible"]').waitFor());
    expect(stand.pageErrors).toEqual([]);
    await context.close();
  });
});
