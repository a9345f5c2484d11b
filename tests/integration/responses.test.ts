import { ChatClient } from '../support/chat-client';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

interface Item {
  id: string;
  questionCode: string;
  score: number | null;
  integral: boolean;
  channel: string;
  locale: string;
  pointOfService: string | null;
  answeredAt: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

describe(`GET /api/v1/responses (${databaseKind})`, () => {
  let t: TestApp;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    t = await startTestApp();
    // Nine customers answer through the web chat: scores 0..8 at two points, in two languages.
    for (let score = 0; score < 9; score++) {
      const chat = new ChatClient(t.url);
      await chat.open({ locale: score % 2 ? 'uk' : 'en', point: score < 5 ? 'north' : 'south' });
      await chat.send({ kind: 'scale', value: score });
    }
  });
  afterAll(() => t.close());

  const get = async (query: string, key = TEST_ADMIN_KEY) => fetch(`${t.url}/api/v1/responses${query}`, { headers: bearer(key) });
  const page = async (query: string) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it('lists the answers newest first with their contact attributes, and no personal data', async () => {
    const { items, nextCursor } = await page('');
    expect(items).toHaveLength(9);
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.score)).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(items[0]).toMatchObject({ questionCode: 'nps', integral: true, channel: 'web', locale: 'en', pointOfService: 'south' });
    expect(Object.keys(items[0])).not.toContain('customerId');
  });

  it('pages with a cursor, never repeating or skipping an answer', async () => {
    const seen: number[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const result: Page = await page(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...result.items.map((i) => i.score!));
      cursor = result.nextCursor;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('filters by the contact attributes, the question and the time', async () => {
    expect((await page('?pointOfService=north')).items.map((i) => i.score)).toEqual([4, 3, 2, 1, 0]);
    expect((await page('?locale=uk&pointOfService=south')).items.map((i) => i.score)).toEqual([7, 5]);
    expect((await page('?questionCode=reason')).items).toEqual([]);
    expect((await page('?integral=true&channel=web')).items).toHaveLength(9);
    expect((await page(`?from=${encodeURIComponent(startedAt)}`)).items).toHaveLength(9);
    expect((await page(`?to=${encodeURIComponent(startedAt)}`)).items).toHaveLength(0);
  });

  it('refuses bad parameters naming them', async () => {
    const cases: [string, string][] = [
      ['?limit=501', 'limit: limit must be at most 500'],
      ['?limit=0', 'limit: limit must be at least 1'],
      ['?from=yesterday', 'from: from must be an ISO 8601 date or date-time'],
      ['?locale=de', 'locale: locale must be one of uk, ru, en'],
      ['?cursor=abc', 'cursor must be a value returned as nextCursor'],
      ['?colour=red', 'unknown field(s): colour'],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe(message);
    }
  });

  it('is open to viewers and supervisors, not to integrations', async () => {
    for (const [role, status] of [['viewer', 200], ['supervisor', 200], ['integration', 403]] as const) {
      const created = await fetch(`${t.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) },
        body: JSON.stringify({ name: role, role }),
      });
      const { key } = (await created.json()) as { key: string };
      expect((await get('', key)).status).toBe(status);
    }
  });
});
