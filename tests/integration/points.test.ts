import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DataSource } from 'typeorm';
import { ChatClient } from '../support/chat-client';
import { FakeTelegram } from '../support/fake-telegram';
import { FakeViber } from '../support/fake-viber';
import { ManualClock } from '../support/manual-clock';
import { apiCall, type ApiCallInit, bearer, startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { databaseKind } from '../support/test-database';

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
}

/** Reads the text of a QR code from the PNG bytes. */
function decodePng(bytes: Buffer): string {
  const png = PNG.sync.read(bytes);
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('No QR code in the PNG');
  return code.data;
}

/**
 * Reads the text of a QR code from the SVG `qrcode` draws: one white square, then the dark
 * modules as horizontal strokes (`M x y.5 h w m dx 0 h w ...`), rasterised here at 8 px a module.
 */
function decodeSvg(svg: string): string {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const strokes = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  if (!size || !strokes) throw new Error('Not a QR code SVG');
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of strokes.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Math.floor(Number(b))];
    else if (command === 'm') [x, y] = [x + Number(a), y + Math.floor(Number(b))];
    else {
      for (let i = 0; i < Number(a); i++) dark[y][x + i] = true;
      x += Number(a);
    }
  }
  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const value = dark[Math.floor(py / scale)][Math.floor(px / scale)] ? 0 : 255;
      pixels.set([value, value, value, 255], (py * width + px) * 4);
    }
  }
  const code = jsQR(pixels, width, width);
  if (!code) throw new Error('No QR code in the SVG');
  return code.data;
}

describe(`points of service and their QR codes (${databaseKind})`, () => {
  const clock = new ManualClock(LATE_IN_KYIV);
  let telegram: FakeTelegram;
  let viber: FakeViber;
  let t: TestApp;
  let viewerKey: string;

  beforeAll(async () => {
    telegram = await FakeTelegram.start(TOKEN);
    viber = await FakeViber.start(VIBER_TOKEN);
    t = await startTestApp({
      env: { PUBLIC_URL, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'points-secret', TELEGRAM_API_ROOT: telegram.url, VIBER_AUTH_TOKEN: VIBER_TOKEN, VIBER_API_URL: viber.url },
      clock,
    });
    const res = await call('/api/v1/api-keys', { method: 'POST', body: { name: 'Wall', role: 'viewer' } });
    viewerKey = ((await res.json()) as { key: string }).key;
  });
  afterAll(async () => {
    await t.close();
    await telegram.close();
    await viber.close();
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
    expect(point).toMatchObject({ code: 'kyiv-central', name: 'Kyiv, Khreshchatyk', address: null, timeZone: 'Europe/Kyiv' });
    const other = await create({ code: 'lviv_1', name: 'Lviv', address: 'Rynok Sq, 1' });

    const listed = (await (await call('/api/v1/points', { key: viewerKey })).json()) as Point[];
    expect(listed.map((p) => p.code)).toEqual(['kyiv-central', 'lviv_1']);
    expect(await (await call(`/api/v1/points/${point.id}`, { key: viewerKey })).json()).toEqual(point);
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
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok' } }))).toEqual(['name']);
    expect(await fieldsOf(await call('/api/v1/points', { method: 'POST', body: { code: 'ok', name: 'X', timeZone: 'Mars/Olympus' } }))).toEqual(['timeZone']);
    expect((await call('/api/v1/points/not-a-uuid')).status).toBe(400);
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
    // The default is the web chat as SVG.
    expect(decodeSvg(await (await call(`/api/v1/points/${point.id}/qr`)).text())).toBe(expected.webchat);
  }, 180_000);

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

  it('answers 409 saying what to configure', async () => {
    const headers = { 'Content-Type': 'application/json', ...bearer(TEST_ADMIN_KEY) };
    const created = await fetch(`${t.url}/api/v1/points`, { method: 'POST', headers, body: JSON.stringify({ code: 'desk-1', name: 'Desk 1' }) });
    const { id } = (await created.json()) as Point;
    const expectations: [string, RegExp][] = [
      ['webchat', /PUBLIC_URL is not set/],
      ['telegram', /Telegram channel is off: set TELEGRAM_BOT_TOKEN/],
      ['viber', /Viber channel is off: set VIBER_AUTH_TOKEN/],
    ];
    for (const [target, message] of expectations) {
      const res = await fetch(`${t.url}/api/v1/points/${id}/qr?target=${target}`, { headers });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });
});
