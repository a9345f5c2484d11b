import { DataSource } from 'typeorm';
import { ChatClient } from '../support/chat-client';
import { FakeViber } from '../support/fake-viber';
import { ManualClock } from '../support/manual-clock';
import { decodePng, decodeSvg } from '../support/qr-decode';
import { apiCall, type ApiCallInit, bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';
import { type Platforms, startPlatforms } from '../support/platforms';

const TOKEN = '7000000003:AAHpoints-token';
const VIBER_TOKEN = '4dafb7e0f40021e6-1a47a1e6778d187f-2c5a676a0705points';
const PUBLIC_URL = 'https://feedback.example.com/turbota';
// 22:30 in Kyiv, inside the default policy's quiet hours (21:00-09:00 Europe/Kyiv); 15:30 in New York.
const LATE_IN_KYIV = '2026-11-23T20:30:00.000Z';

interface Point {
  id: string;
  code: string;
  name: string;
  address: string | null;
  timeZone: string | null;
  policyId: string | null;
  greeting: Record<string, string> | null;
}

const PLATFORMS = { telegram: { token: TOKEN, secret: 'points-secret' }, viber: { authToken: VIBER_TOKEN } };

describe(`points of service and their QR codes (${databaseKind})`, () => {
  const clock = new ManualClock(LATE_IN_KYIV);
  let platforms: Platforms<typeof PLATFORMS>;
  let t: TestApp;
  let viewerKey: string;

  beforeAll(async () => {
    platforms = await startPlatforms(PLATFORMS);
    t = await startTestApp({
      env: { PUBLIC_URL, ...platforms.env },
      clock,
    });
    const res = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'Wall', role: 'viewer' } });
    viewerKey = ((await res.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await t.close();
    await platforms.close();
  });

  const call = (path: string, init?: ApiCallInit) => apiCall(t.url, path, init);
  async function create(body: Record<string, unknown>): Promise<Point> {
    const res = await call('/api/v1/points', { method: 'POST', body });
    expect(res.status).toBe(201);
    return (await res.json()) as Point;
  }
  async function fieldsOf(res: Response): Promise<string[]> {
    expect(res.status).toBe(400);
    return ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);
  }

  it('creates, lists, reads, changes and removes points; viewers read, only admins write', async () => {
    const point = await create({ code: 'kyiv-central', name: 'Kyiv, Khreshchatyk', timeZone: 'Europe/Kyiv' });
    expect(point).toMatchObject({ code: 'kyiv-central', name: 'Kyiv, Khreshchatyk', address: null, timeZone: 'Europe/Kyiv', policyId: null, greeting: null });
    const other = await create({ code: 'lviv_1', name: 'Lviv', address: 'Rynok Sq, 1' });

    const listed = (await (await call('/api/v1/points', { key: viewerKey })).json()) as Point[];
    expect(listed.map((p) => p.code)).toEqual(['kyiv-central', 'lviv_1']);
    expect(await (await call(`/api/v1/points/${point.id}`, { key: viewerKey })).json()).toEqual(point);
    expect(await (await call('/api/v1/points/kyiv-central', { key: viewerKey })).json()).toEqual(point);
    expect((await call('/api/v1/points', { method: 'POST', key: viewerKey, body: { code: 'x', name: 'X' } })).status).toBe(403);

    const changed = await call(`/api/v1/points/${other.id}`, { method: 'PATCH', body: { name: 'Lviv, Rynok', address: null } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ code: 'lviv_1', name: 'Lviv, Rynok', address: null });

    expect((await call(`/api/v1/points/${other.id}`, { method: 'DELETE', key: viewerKey })).status).toBe(403);
    expect((await call(`/api/v1/points/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/api/v1/points/${other.id}`)).status).toBe(404);
    expect((await call(`/api/v1/points/${other.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a taken code with 409 and bad fields with 400 naming them', async () => {
    const taken = await call('/api/v1/points', { method: 'POST', body: { code: 'kyiv-central', name: 'Again' } });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { message: string }).message).toContain('kyiv-central');
    const odessa = await create({ code: 'odesa', name: 'Odesa' });
    expect((await call(`/api/v1/points/${odessa.id}`, { method: 'PATCH', body: { code: 'kyiv-central' } })).status).toBe(409);

    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'has space', name: 'X' } }))).toEqual(['code']);
    // Deep links carry survey links' tokens too: a code of their shape would be read as one.
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: `sv_${'x'.repeat(24)}`, name: 'X' } }))).toEqual(['code']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok' } }))).toEqual(['name']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', timeZone: 'Mars/Olympus' } }))).toEqual(['timeZone']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', greeting: { de: 'Hallo' } } }))).toEqual(['greeting']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', greeting: {} } }))).toEqual(['greeting']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', greeting: { en: 'x'.repeat(501) } } }))).toEqual(['greeting.en']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', policyId: 'branch visits' } }))).toEqual(['policyId']);
  });

  it('lets a point name an active survey policy and a greeting, refusing a policy that does not exist or is archived with 400 naming the field', async () => {
    const pools = (await (await call('/api/v1/question-pools')).json()) as { id: string; name: string }[];
    const poolId = pools.find((p) => p.name === 'Post-contact')!.id;
    const newPolicy = async (name: string) => {
      const res = await call('/api/v1/survey-policies', { method: 'POST', body: { name, serviceTypes: [name], integralMetric: 'nps', poolId } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const active = await newPolicy('branch-visits');
    const archived = await newPolicy('old-branch-visits');
    expect((await call(`/api/v1/survey-policies/${archived}`, { method: 'DELETE' })).status).toBe(200);
    const greeting = { en: 'Thank you for visiting the Podil branch!', uk: 'Дякуємо, що завітали до відділення на Подолі!' };

    const podil = await create({ code: 'podil', name: 'Podil', policyId: active, greeting });
    expect(podil).toMatchObject({ policyId: active, greeting });
    expect(await (await call('/api/v1/points/podil')).json()).toMatchObject({ policyId: active, greeting });

    const missing = await call('/api/v1/points', { method: 'POST', body: { code: 'obolon', name: 'Obolon', policyId: '7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11' } });
    expect(await fieldsOf(missing.clone())).toEqual(['policyId']);
    expect(((await missing.json()) as { message: string }).message).toMatch(/No survey policy/);
    const gone = await call(`/api/v1/points/${podil.id}`, { method: 'PATCH', body: { policyId: archived } });
    expect(await fieldsOf(gone.clone())).toEqual(['policyId']);
    expect(((await gone.json()) as { message: string }).message).toMatch(/archived/);
    expect((await call('/api/v1/points/obolon')).status).toBe(404);

    const cleared = await call(`/api/v1/points/${podil.id}`, { method: 'PATCH', body: { policyId: null, greeting: null } });
    expect(await cleared.json()).toMatchObject({ policyId: null, greeting: null });
    expect((await call(`/api/v1/points/${podil.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers 404 with a clear message for a code or id no point has', async () => {
    for (const path of ['/api/v1/points/front-desk', '/api/v1/points/front-desk/qr', '/api/v1/points/7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11']) {
      const res = await call(path, { key: viewerKey });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toMatch(/^No point of service has the id or code/);
    }
    const odd = await call(`/api/v1/points/${encodeURIComponent('<script>')}`);
    expect(odd.status).toBe(404);
    expect(((await odd.json()) as { message: string }).message).toBe('No point of service has that id or code');
  });

  it('draws each target as SVG and PNG, each decoding to the link that names the point', async () => {
    const [point] = (await (await call('/api/v1/points')).json()) as Point[];
    const expected = {
      webchat: `${PUBLIC_URL}/chat?point=kyiv-central`,
      telegram: 'https://t.me/turbota_bot?start=kyiv-central',
      viber: `viber://pa?chatURI=${FakeViber.ACCOUNT_URI}&context=kyiv-central`,
    };
    for (const [target, url] of Object.entries(expected)) {
      const svg = await call(`/api/v1/points/${point.id}/qr?target=${target}&format=svg`, { key: viewerKey });
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(decodeSvg(await svg.text())).toBe(url);
      const png = await call(`/api/v1/points/${point.id}/qr?target=${target}&format=png`, { key: viewerKey });
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('content-disposition')).toContain(`kyiv-central-${target}.png`);
      expect(decodePng(Buffer.from(await png.arrayBuffer()))).toBe(url);
    }
    // The default is the web chat as SVG; the point's code names it as well as its id.
    expect(decodeSvg(await (await call(`/api/v1/points/${point.id}/qr`)).text())).toBe(expected.webchat);
    expect(decodeSvg(await (await call('/api/v1/points/kyiv-central/qr', { key: viewerKey })).text())).toBe(expected.webchat);
    expect(decodePng(Buffer.from(await (await call('/api/v1/points/kyiv-central/qr?target=telegram&format=png')).arrayBuffer()))).toBe(expected.telegram);
  }, 180_000);

  it('lists the three links a sheet prints, each the one its QR code carries', async () => {
    const res = await call('/api/v1/points/kyiv-central/links', { key: viewerKey });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual([
      { target: 'webchat', url: `${PUBLIC_URL}/chat?point=kyiv-central`, missing: null, reason: null },
      { target: 'telegram', url: 'https://t.me/turbota_bot?start=kyiv-central', missing: null, reason: null },
      { target: 'viber', url: `viber://pa?chatURI=${FakeViber.ACCOUNT_URI}&context=kyiv-central`, missing: null, reason: null },
    ]);
    expect((await call('/api/v1/points/7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11/links')).status).toBe(404);
  });

  it('refuses an unknown target or format with 400, and an unknown point with 404', async () => {
    const [point] = (await (await call('/api/v1/points')).json()) as Point[];
    const bad = await call(`/api/v1/points/${point.id}/qr?target=whatsapp`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/target must be one of webchat, telegram, viber/);
    expect(await fieldsOf(await call(`/api/v1/points/${point.id}/qr?format=gif`))).toEqual(['format']);
    expect((await call('/api/v1/points/7d3c1c9e-2f4b-4f55-9a55-0c6f0e0b9a11/qr')).status).toBe(404);
  });

  it('reads the quiet hours of a contact at a point in the point\'s time zone', async () => {
    await create({ code: 'ny-desk', name: 'New York desk', timeZone: 'America/New_York' });
    const report = async (externalId: string, address: string, pointOfService?: string) => {
      const body = { externalId, customer: { channel: 'telegram', address }, pointOfService, occurredAt: clock.now().toISOString() };
      const res = await call('/api/v1/contacts', { method: 'POST', body });
      expect(res.status).toBe(201);
      return (await res.json()) as { decision: string; scheduledFor?: string };
    };
    expect(await report('point-tz-1', '8000001', 'ny-desk')).toMatchObject({ decision: 'invited' });
    expect(await report('point-tz-2', '8000002', 'kyiv-central')).toMatchObject({ decision: 'scheduled', scheduledFor: '2026-11-24T07:00:00.000Z' });
    expect(await report('point-tz-3', '8000003')).toMatchObject({ decision: 'scheduled' });
  });

  it('carries the point of service on the answers of walk-in feedback given through the QR link', async () => {
    const [point] = (await (await call('/api/v1/points')).json()) as Point[];
    const link = new URL(decodeSvg(await (await call(`/api/v1/points/${point.id}/qr?format=svg`)).text()));
    const page = await fetch(`${t.url}/chat${link.search}&lang=en`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"point":"kyiv-central"');

    const chat = new ChatClient(t.url);
    const opened = await chat.open({ locale: 'en', point: link.searchParams.get('point')! });
    await chat.send({ kind: 'scale', value: 10 });
    const db = t.app.get(DataSource);
    const answers = await db.query<{ question_code: string; point_of_service: string }[]>(
      `SELECT a.question_code, a.point_of_service FROM answer a JOIN message m ON m.conversation_id = a.conversation_id WHERE m.id = $1`,
      [opened.messages[0].id],
    );
    expect(answers).toEqual([{ question_code: 'nps', point_of_service: 'kyiv-central' }]);
  });
});

describe(`QR codes of targets that are not configured (${databaseKind})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 409 saying what to configure for a messenger that is off', async () => {
    const headers = { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) };
    const created = await fetch(`${t.url}/api/v1/points`, { method: 'POST', headers, body: JSON.stringify({ code: 'desk-1', name: 'Desk 1' }) });
    const { id } = (await created.json()) as Point;
    const expectations: [string, RegExp][] = [
      ['telegram', /Telegram channel is off: set TELEGRAM_BOT_TOKEN/],
      ['viber', /Viber channel is off: set VIBER_AUTH_TOKEN/],
    ];
    for (const [target, message] of expectations) {
      const res = await fetch(`${t.url}/api/v1/points/${id}/qr?target=${target}`, { headers });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('lists a messenger that is off as a missing link saying what to configure, beside the links that work', async () => {
    const res = await fetch(`${t.url}/api/v1/points/desk-1/links`, { headers: bearer(TEST_ADMIN_KEY) });
    expect(res.status).toBe(200);
    const links = (await res.json()) as { target: string; url: string | null; missing: string | null; reason: string | null }[];
    expect(links.map(({ target, url, missing }) => ({ target, url, missing }))).toEqual([
      { target: 'webchat', url: `${t.url}/chat?point=desk-1`, missing: null },
      { target: 'telegram', url: null, missing: 'off' },
      { target: 'viber', url: null, missing: 'off' },
    ]);
    expect(links[1].reason).toMatch(/set TELEGRAM_BOT_TOKEN/);
    expect(links[2].reason).toMatch(/set VIBER_AUTH_TOKEN/);
  });

  it('without PUBLIC_URL draws the web chat link at the local address the request came to, and says so in the log once', async () => {
    const headers = bearer(TEST_ADMIN_KEY);
    for (const path of ['desk-1/qr', 'desk-1/qr?format=svg']) {
      const res = await fetch(`${t.url}/api/v1/points/${path}`, { headers });
      expect(res.status).toBe(200);
      expect(decodeSvg(await res.text())).toBe(`${t.url}/chat?point=desk-1`);
    }
    const warnings = t.logs.entries().filter((e) => typeof e.msg === 'string' && e.msg.includes('PUBLIC_URL is not set: QR codes and links use the local address'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toContain(t.url);
  });
});
