import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LOCALES, projectPath } from '@turbota/common';
import { ConversationService } from '@turbota/conversations';
import { nextStepsOf, readStandardFile, STANDARD_EVENTS, StandardService, type StandardTable } from '@turbota/standard';
import { apiCall, type ApiCallInit, bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

const shipped = readStandardFile(projectPath('config', 'standard.json'));

interface Version extends StandardTable {
  version: number;
  createdBy: string;
  createdAt: string;
}
interface Problem {
  message: string;
  errors: { field: string; problems: string[] }[];
}

/** The shipped table with the detractor's apology said differently. */
function withApology(en: string[]): StandardTable {
  const table = structuredClone(shipped);
  table.events.detractor.actions[0].phrases.en = en;
  return table;
}

describe(`service standard API (${databaseKind})`, () => {
  let t: TestApp;
  const keys: Record<'viewer' | 'supervisor' | 'integration', string> = { viewer: '', supervisor: '', integration: '' };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of Object.keys(keys) as (keyof typeof keys)[]) {
      const created = (await (await call('/api/v1/api-keys', { method: 'POST', body: { name: `${role} key`, role } })).json()) as { key: string };
      keys[role] = created.key;
    }
  });
  afterAll(() => t.close());

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);

  async function json<T>(path: string, init?: Parameters<typeof call>[1]): Promise<T> {
    const res = await call(path, init);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  it('serves version 1 seeded from config/standard.json', async () => {
    const current = await json<Version>('/api/v1/standard', { key: keys.viewer });
    expect(current).toMatchObject({ version: 1, createdBy: 'config/standard.json' });
    expect(current.events).toEqual(shipped.events);
    expect(t.logs.entries().some((e) => e.msg === 'Seeded version 1 of the service standard from config/standard.json')).toBe(true);
  });

  it('hands out the next steps of every event in every language, in DEFAULT_LOCALE when none is asked for', async () => {
    for (const event of STANDARD_EVENTS) {
      for (const locale of LOCALES) {
        const steps = await json(`/api/v1/standard/next-steps?event=${event}&locale=${locale}`, { key: keys.integration });
        expect(steps).toEqual(nextStepsOf(shipped, event, locale, 1));
      }
    }
    const byDefault = await json<{ locale: string; tasks: string[] }>('/api/v1/standard/next-steps?event=detractor', { key: keys.supervisor });
    expect(byDefault).toMatchObject({ locale: 'uk', tasks: shipped.events.detractor.tasks.map((task) => task.uk) });
  });

  it('names the wrong parameter of next-steps, and answers 404 for a version that does not exist', async () => {
    const cases: [string, string][] = [
      ['', 'event: event must be one of'],
      ['event=lunch_break', 'event: event must be one of invitation, promoter'],
      ['event=promoter&locale=de', 'locale: locale must be one of uk, ru, en'],
      ['event=promoter&version=0', 'version: version must be a positive whole number'],
      ['event=promoter&lang=en', 'unknown field(s): lang'],
    ];
    for (const [query, message] of cases) {
      const res = await call(`/api/v1/standard/next-steps?${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Problem).message).toContain(message);
    }
    const missing = await call('/api/v1/standard/next-steps?event=promoter&version=99');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Problem).message).toBe('The service standard has no version 99');
    expect((await call('/api/v1/standard/versions/99')).status).toBe(404);
    expect((await call('/api/v1/standard/versions/first')).status).toBe(400);
  });

  it('publishes an edit as version 2 while version 1 stays readable for the incidents made under it', async () => {
    const apology = ['We are truly sorry about this.', 'Sorry, that should not have happened.'];
    const res = await call('/api/v1/standard', { method: 'PUT', body: withApology(apology), headers: { 'If-Match': '"1"' } });
    expect(res.status).toBe(200);
    const published = (await res.json()) as Version;
    expect(published).toMatchObject({ version: 2, createdBy: 'ADMIN_API_KEY' });
    expect(published.events.detractor.actions[0].phrases.en).toEqual(apology);

    expect(await json<Version>('/api/v1/standard')).toMatchObject({ version: 2 });
    const now = await json<{ version: number; actions: { phrases: string[] }[] }>('/api/v1/standard/next-steps?event=detractor&locale=en');
    expect(now).toMatchObject({ version: 2, actions: [{ action: 'apologise', phrases: apology }, ...now.actions.slice(1)] });
    const before = await json<{ actions: { phrases: string[] }[] }>('/api/v1/standard/next-steps?event=detractor&locale=en&version=1');
    expect(before.actions[0].phrases).toEqual(shipped.events.detractor.actions[0].phrases.en);
    expect((await json<Version>('/api/v1/standard/versions/1', { key: keys.supervisor })).events).toEqual(shipped.events);

    const stale = await call('/api/v1/standard', { method: 'PUT', body: shipped, headers: { 'If-Match': '1' } });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Problem).message).toMatch(/is at version 2, not 1/);
  });

  it('refuses an incomplete or wrong table, naming where, and publishes nothing', async () => {
    const before = (await json<Version>('/api/v1/standard')).version;
    const table = withApology(['Only one way to say it.']);
    const events: Partial<StandardTable['events']> = table.events;
    delete events.problem_detected;
    table.events.passive.tasks[0].ru = ' ';
    const res = await call('/api/v1/standard', { method: 'PUT', body: table });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors.map((e) => e.field)).toEqual(['events.passive.tasks[0].ru', 'events.detractor.actions[apologise].phrases.en', 'events.problem_detected']);
    expect(problem.message).toContain('events.problem_detected: is missing');
    expect((await json<Version>('/api/v1/standard')).version).toBe(before);
  });

  it('lets viewers and supervisors read the standard, integrations only the next steps, and only admins publish', async () => {
    expect((await call('/api/v1/standard', { key: keys.supervisor })).status).toBe(200);
    expect((await call('/api/v1/standard', { key: keys.integration })).status).toBe(403);
    for (const key of Object.values(keys)) {
      const res = await call('/api/v1/standard', { method: 'PUT', body: shipped, key });
      expect(res.status).toBe(403);
    }
    expect((await call('/api/v1/standard/next-steps?event=invitation', { key: keys.viewer })).status).toBe(200);
    expect((await call('/api/v1/standard', { key: '' })).status).toBe(401);
  });

  it('documents its endpoints and the whole table in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(Object.keys(doc.paths['/api/v1/standard']).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/api/v1/standard/next-steps'].get).toBeDefined();
    expect(doc.paths['/api/v1/standard/versions/{version}'].get).toBeDefined();
    expect(doc.components.schemas.StandardEvents.required).toEqual([...STANDARD_EVENTS]);
  });

  it('creates version 1 once when two processes start at the same time', async () => {
    const dataSource = t.app.get(DataSource);
    await dataSource.query('DELETE FROM "standard_version"');
    const processes = [new StandardService(dataSource, shipped), new StandardService(dataSource, shipped)];
    await Promise.all(processes.map((p) => p.onApplicationBootstrap()));
    expect(await dataSource.query('SELECT "version", "created_by" FROM "standard_version"')).toEqual([{ version: 1, created_by: 'config/standard.json' }]);
  });
});

describe(`the bot speaks the standard's phrases, rotating per customer (${databaseKind})`, () => {
  let t: TestApp;
  let conversations: ConversationService;

  beforeAll(async () => {
    t = await startTestApp();
    conversations = t.app.get(ConversationService);
  });
  afterAll(() => t.close());

  async function publish(table: StandardTable): Promise<void> {
    const res = await fetch(`${t.url}/api/v1/standard`, { method: 'PUT', headers: { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) }, body: JSON.stringify(table) });
    expect(res.status).toBe(200);
  }

  /** One survey of the customer at the address: what the bot says first, and what it says to their score. */
  async function survey(address: string, score: number, customerName?: string): Promise<{ greeting: string; reply: string }> {
    const customer = { channel: 'web', address };
    const started = await conversations.start(customer, { locale: 'en', customerName });
    const answered = await conversations.handle(customer, { key: randomUUID(), input: { kind: 'scale', value: score } });
    const textOf = (body: unknown) => (body as { text: string }).text;
    return { greeting: textOf(started.messages[0].body), reply: textOf(answered.messages.filter((m) => m.direction === 'out')[0].body) };
  }

  it('apologises to a detractor in words from the standard, never the same variant in two successive surveys', async () => {
    const apology = ['We are truly sorry about this.', 'Sorry, that should not have happened.', 'Please accept our apologies.'];
    await publish(withApology(apology));
    const heard: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { reply } = await survey('detractor-1', 2);
      const said = apology.find((variant) => reply.startsWith(`${variant}\n\n`));
      expect(said).toBeDefined();
      heard.push(said!);
    }
    for (let i = 1; i < heard.length; i++) expect(heard[i]).not.toBe(heard[i - 1]);

    const other = await survey('detractor-2', 0);
    expect(apology.some((variant) => other.reply.startsWith(variant))).toBe(true);
  });

  it('speaks the new text as soon as an edit of the standard is published, still without repeating', async () => {
    await publish(withApology(['First new apology.', 'Second new apology.']));
    const first = await survey('detractor-3', 1);
    const second = await survey('detractor-3', 1);
    const said = [first, second].map(({ reply }) => reply.split('\n\n')[0]);
    expect([...said].sort()).toEqual(['First new apology.', 'Second new apology.']);
  });

  it('greets, thanks a promoter and a passive with the standard\'s phrases, greeting by name when the name is known', async () => {
    const { events } = shipped;
    const named = await survey('promoter-1', 10, 'Olena');
    const greetings = events.invitation.actions[0].phrases.en;
    // The transcript keeps the name's slot; the outbox fills the name in as it sends.
    expect(greetings.filter((g) => g.includes('{name}')).some((g) => named.greeting.startsWith(`${g}\n\n`))).toBe(true);
    expect(named.greeting).not.toContain('Olena');
    expect(events.promoter.actions[0].phrases.en.some((p) => named.reply.startsWith(p))).toBe(true);

    const nameless = await survey('passive-1', 8);
    expect(greetings.filter((g) => !g.includes('{name}')).some((g) => nameless.greeting.startsWith(`${g}\n\n`))).toBe(true);
    expect(events.passive.actions[0].phrases.en.some((p) => nameless.reply.startsWith(`${p}\n\n`))).toBe(true);
  });

  it('remembers the last variant per customer and phrase, not per conversation', async () => {
    const rows = await t.app.get(DataSource).query<{ phrase_key: string }[]>(
      `SELECT p.phrase_key FROM customer_phrase p JOIN customer_identity i ON i.customer_id = p.customer_id WHERE i.address = 'detractor-1' ORDER BY 1`,
    );
    expect(rows.map((r) => r.phrase_key)).toEqual(['detractor.apologise', 'invitation.greet']);
  });
});
