import { DataSource } from 'typeorm';
import { AnswerEntity, ConversationEntity, CustomerEntity, CustomerIdentityEntity } from '@turbota/persistence';
import { bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

interface Item {
  id: string;
  conversationId: string;
  answeredAt: string;
  questionCode: string;
  [field: string]: unknown;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

type Contact = Pick<ConversationEntity, 'channel' | 'locale' | 'pointOfService' | 'agent' | 'serviceType'>;
type Given = Pick<AnswerEntity, 'questionCode' | 'questionType'> & Partial<Pick<AnswerEntity, 'factor' | 'integral' | 'score' | 'choice' | 'text'>> & { minute: number };

// Four contacts and their answers; several share a second, so pages must break ties by id.
const CONTACTS: { key: string; contact: Contact; answers: Given[] }[] = [
  {
    key: 'c1',
    contact: { channel: 'telegram', locale: 'uk', pointOfService: 'north', agent: 'olena', serviceType: 'card' },
    answers: [
      { minute: 0, questionCode: 'nps', questionType: 'nps', integral: true, score: 9 },
      { minute: 1, questionCode: 'empathy', questionType: 'likert', factor: 'empathy', score: 5 },
      { minute: 2, questionCode: 'improvement', questionType: 'free_text', text: 'Shorter hold music' },
    ],
  },
  {
    key: 'c2',
    contact: { channel: 'viber', locale: 'ru', pointOfService: 'south', agent: 'ivan', serviceType: 'loan' },
    answers: [
      { minute: 3, questionCode: 'nps', questionType: 'nps', integral: true, score: 3 },
      { minute: 4, questionCode: 'reason', questionType: 'single_choice', factor: 'responsiveness', choice: 'waiting' },
    ],
  },
  {
    key: 'c3',
    contact: { channel: 'web', locale: 'en', pointOfService: 'north', agent: null, serviceType: null },
    answers: [
      { minute: 5, questionCode: 'csat', questionType: 'csat', integral: true, score: 5 },
      { minute: 5, questionCode: 'reliability', questionType: 'likert', factor: 'reliability', score: 4 },
    ],
  },
  {
    key: 'c4',
    contact: { channel: 'telegram', locale: 'en', pointOfService: 'south', agent: 'olena', serviceType: 'card' },
    answers: [
      { minute: 6, questionCode: 'nps', questionType: 'nps', integral: true, score: 10 },
      { minute: 6, questionCode: 'responsiveness', questionType: 'likert', factor: 'responsiveness', score: 2 },
      { minute: 6, questionCode: 'assurance', questionType: 'likert', factor: 'assurance', score: 3 },
    ],
  },
];

describe(`GET /api/v1/responses (${databaseKind})`, () => {
  let t: TestApp;
  let db: DataSource;
  let poolId: string;
  /** Every stored answer, newest first, as the API must order them. */
  let stored: AnswerEntity[];
  const conversationOf = new Map<string, string>();
  /** `c1.nps`, `c4.assurance`, … for each answer id. */
  const label = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    [{ id: poolId }] = await db.query<{ id: string }[]>('SELECT id FROM question_pool');
    for (const { key, contact, answers } of CONTACTS) {
      const customer = await db.getRepository(CustomerEntity).save({ locale: contact.locale });
      const identity = await db.getRepository(CustomerIdentityEntity).save({ customerId: customer.id, channel: contact.channel, address: `address-${key}` });
      const conversation = await db
        .getRepository(ConversationEntity)
        .save({ ...contact, customerId: customer.id, identityId: identity.id, kind: 'survey', status: 'completed', poolId, poolVersion: 1, plan: {}, state: {} });
      conversationOf.set(key, conversation.id);
      for (const { minute, ...answer } of answers) {
        const saved = await db.getRepository(AnswerEntity).save({
          ...contact,
          ...answer,
          conversationId: conversation.id,
          customerId: customer.id,
          poolId,
          poolVersion: 1,
          questionText: `Question ${answer.questionCode} as asked in ${contact.locale}`,
          answeredAt: at(minute),
        });
        label.set(saved.id, `${key}.${answer.questionCode}`);
      }
    }
    stored = await db.getRepository(AnswerEntity).find({ order: { answeredAt: 'DESC', id: 'DESC' } });
  });
  afterAll(() => t.close());

  const get = (query: string, key = TEST_ADMIN_KEY) => fetch(`${t.url}/api/v1/responses${query}`, { headers: bearer(key) });
  const page = async (query: string): Promise<Page> => {
    const res = await get(query);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };
  /** Follows nextCursor to the end; answers the labels of every item, page by page. */
  const allPages = async (query: string): Promise<string[][]> => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const result: Page = await page(`?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(result.items.map((i) => label.get(i.id)!));
      cursor = result.nextCursor;
    } while (cursor !== null && pages.length < 50);
    return pages;
  };
  const labels = async (query: string) => (await allPages(`${query}&limit=500`)).flat().sort();

  it('lists the answers newest first, with what was asked and the contact attributes, and nothing personal', async () => {
    expect(stored).toHaveLength(10);
    expect(stored[stored.length - 1].answeredAt.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    const { items, nextCursor } = await page('');
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.id)).toEqual(stored.map((a) => a.id));
    const reason = items.find((i) => label.get(i.id) === 'c2.reason');
    expect(reason).toEqual({
      id: reason!.id,
      conversationId: conversationOf.get('c2'),
      source: 'dialogue',
      answeredAt: '2026-03-01T10:04:00.000Z',
      questionCode: 'reason',
      questionType: 'single_choice',
      questionText: 'Question reason as asked in ru',
      poolId,
      poolVersion: 1,
      factor: 'responsiveness',
      integral: false,
      score: null,
      choice: 'waiting',
      text: null,
      channel: 'viber',
      locale: 'ru',
      pointOfService: 'south',
      agent: 'ivan',
      serviceType: 'loan',
    });
  });

  it('pages with a cursor, never repeating or skipping an answer, even when answers share a time', async () => {
    const byFour = await allPages('limit=4');
    expect(byFour.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(byFour.flat()).toEqual(stored.map((a) => label.get(a.id)));
    const byTwo = await allPages('limit=2');
    expect(byTwo.map((p) => p.length)).toEqual([2, 2, 2, 2, 2]);
    expect(byTwo.flat()).toEqual(stored.map((a) => label.get(a.id)));
  });

  it('keeps the next page in place when a new answer arrives meanwhile', async () => {
    const first = await page('?limit=4');
    const before = await page(`?limit=4&cursor=${first.nextCursor}`);
    const { id } = await db.getRepository(AnswerEntity).save({
      ...CONTACTS[0].contact,
      conversationId: conversationOf.get('c1')!,
      questionCode: 'late',
      questionType: 'likert',
      questionText: 'A late answer',
      score: 1,
      answeredAt: at(60),
    });
    try {
      expect((await page(`?limit=4&cursor=${first.nextCursor}`)).items).toEqual(before.items);
      expect((await page('?limit=1')).items[0].id).toBe(id);
    } finally {
      await db.getRepository(AnswerEntity).delete(id);
    }
  });

  it('filters by the contact attributes', async () => {
    expect(await labels('channel=telegram')).toEqual(['c1.empathy', 'c1.improvement', 'c1.nps', 'c4.assurance', 'c4.nps', 'c4.responsiveness']);
    expect(await labels('locale=ru')).toEqual(['c2.nps', 'c2.reason']);
    expect(await labels('pointOfService=north')).toEqual(['c1.empathy', 'c1.improvement', 'c1.nps', 'c3.csat', 'c3.reliability']);
    expect(await labels('agent=ivan')).toEqual(['c2.nps', 'c2.reason']);
    expect(await labels('serviceType=card&locale=en')).toEqual(['c4.assurance', 'c4.nps', 'c4.responsiveness']);
    expect(await labels(`conversationId=${conversationOf.get('c3')}`)).toEqual(['c3.csat', 'c3.reliability']);
    expect(await labels('channel=slack')).toEqual([]);
  });

  it('filters by the question, the integral score and the time', async () => {
    expect(await labels('questionCode=nps')).toEqual(['c1.nps', 'c2.nps', 'c4.nps']);
    expect(await labels('questionType=likert')).toEqual(['c1.empathy', 'c3.reliability', 'c4.assurance', 'c4.responsiveness']);
    expect(await labels('integral=true')).toEqual(['c1.nps', 'c2.nps', 'c3.csat', 'c4.nps']);
    expect(await labels('integral=false&channel=telegram')).toEqual(['c1.empathy', 'c1.improvement', 'c4.assurance', 'c4.responsiveness']);
    // `from` is inclusive, `to` exclusive, so consecutive windows never count an answer twice.
    expect(await labels('from=2026-03-01T10:05:00Z')).toEqual(['c3.csat', 'c3.reliability', 'c4.assurance', 'c4.nps', 'c4.responsiveness']);
    expect(await labels('to=2026-03-01T10:05:00Z')).toEqual(['c1.empathy', 'c1.improvement', 'c1.nps', 'c2.nps', 'c2.reason']);
    expect(await labels('from=2026-03-01T12:03:00%2B02:00&to=2026-03-01T10:05:00.000Z')).toEqual(['c2.nps', 'c2.reason']);
    expect(await labels('from=2026-03-02')).toEqual([]);
  });

  it('pages through a filtered list', async () => {
    const pages = await allPages('agent=olena&limit=4');
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat().sort()).toEqual(['c1.empathy', 'c1.improvement', 'c1.nps', 'c4.assurance', 'c4.nps', 'c4.responsiveness']);
  });

  it('refuses bad parameters, naming them', async () => {
    const cases: [string, string][] = [
      ['?limit=501', 'limit: limit must be at most 500'],
      ['?limit=0', 'limit: limit must be at least 1'],
      ['?limit=ten', 'limit: limit must be a number'],
      ['?limit=2.5', 'limit: limit must be a whole number'],
      ['?from=yesterday', 'from: from must be a calendar day, YYYY-MM-DD (a whole day in UTC; to includes its day), or an ISO 8601 date-time with a time zone, e.g. 2026-11-30T09:00:00+02:00 (an exact moment; to excludes it)'],
      ['?to=2026-13-45', 'to: to must be a calendar day, YYYY-MM-DD (a whole day in UTC; to includes its day), or an ISO 8601 date-time with a time zone, e.g. 2026-11-30T09:00:00+02:00 (an exact moment; to excludes it)'],
      ['?locale=de', 'locale: locale must be one of uk, ru, en'],
      ['?integral=yes', 'integral: integral must be true or false'],
      ['?conversationId=42', 'conversationId: conversationId must be a UUID'],
      ['?questionCode=', 'questionCode: questionCode must not be empty'],
      ['?cursor=abc', 'cursor must be a value returned as nextCursor'],
      ['?cursor=not%20a%20cursor', 'cursor: cursor must be a value returned as nextCursor'],
      ['?colour=red', 'unknown field(s): colour'],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect({ query, status: res.status, message: ((await res.json()) as { message: string }).message }).toEqual({ query, status: 400, message });
    }
  });

  it('is open to viewers and supervisors, not to integrations or callers without a key', async () => {
    for (const [role, status] of [['viewer', 200], ['supervisor', 200], ['integration', 403]] as const) {
      const created = await fetch(`${t.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) },
        body: JSON.stringify({ name: role, role }),
      });
      const { key } = (await created.json()) as { key: string };
      expect({ role, status: (await get('', key)).status }).toEqual({ role, status });
    }
    expect((await fetch(`${t.url}/api/v1/responses`)).status).toBe(401);
  });
});
