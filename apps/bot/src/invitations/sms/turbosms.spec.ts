import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MalformedRequestError } from '../../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../../channels/send-errors';
import { FakeTurboSms } from '../../../../../tests/support/fake-turbosms';
import { SmsOptedOutError } from './sms-provider';
import { TurboSms, turboSmsError } from './turbosms';

const TOKEN = 'turbosms-token';
const SECRET = 'webhook-secret-key';
const CUSTOMER = '+380671234567';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A local route standing in for Turbota's webhook: records the JSON posted to it. */
async function receiver(): Promise<{ url: string; bodies: unknown[]; close: () => Promise<void> }> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(raw) as unknown);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sms/turbosms`;
  return { url, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('TurboSms sending and polling', () => {
  let fake: FakeTurboSms;
  let turbo: TurboSms;
  beforeAll(async () => {
    fake = await FakeTurboSms.start(TOKEN);
    turbo = new TurboSms({ provider: 'turbosms', token: TOKEN, sender: 'Turbota', apiUrl: fake.url, webhookSecret: SECRET });
  });
  afterAll(() => fake.close());

  it('sends to the number without "+" from the registered sender and answers TurboSMS\'s message id', async () => {
    const { providerMessageId } = await turbo.send({ to: CUSTOMER, text: 'Оцініть візит: https://t.example/s/1' });
    expect(fake.sent(CUSTOMER)).toEqual([expect.objectContaining({ id: providerMessageId, to: '380671234567', sender: 'Turbota', text: 'Оцініть візит: https://t.example/s/1' })]);
  });

  it('says a stop-listed number opted out, apart from one TurboSMS cannot place', async () => {
    fake.stoplisted.add('380501112233');
    fake.invalid.add('380509998877');
    const optedOut = turbo.send({ to: '+380501112233', text: 'hi' });
    await expect(optedOut).rejects.toBeInstanceOf(SmsOptedOutError);
    await expect(optedOut).rejects.toMatchObject({ optedOut: true });
    await expect(optedOut).rejects.toThrow('NOT_ALLOWED_NUMBER_STOPLIST');
    const invalid = turbo.send({ to: '+380509998877', text: 'hi' });
    await expect(invalid).rejects.toBeInstanceOf(RecipientUnreachableError);
    await expect(invalid).rejects.not.toBeInstanceOf(SmsOptedOutError);
    await expect(turbo.send({ to: 'not a number', text: 'hi' })).rejects.toBeInstanceOf(RecipientUnreachableError);
  });

  it('waits on a 429, stops on a refused token and retries when TurboSMS cannot be reached', async () => {
    fake.rateLimit(4);
    await expect(turbo.send({ to: CUSTOMER, text: 'hi' })).rejects.toMatchObject({ name: 'RateLimitedError', retryAfterSeconds: 4 });
    const wrong = new TurboSms({ provider: 'turbosms', token: 'wrong', sender: 'Turbota', apiUrl: fake.url });
    await expect(wrong.send({ to: CUSTOMER, text: 'hi' })).rejects.toBeInstanceOf(BadCredentialsError);
    const down = new TurboSms({ provider: 'turbosms', token: TOKEN, sender: 'Turbota', apiUrl: 'http://127.0.0.1:9' });
    await expect(down.send({ to: CUSTOMER, text: 'hi' })).rejects.toBeInstanceOf(TemporarySendError);
  });

  it('maps TurboSMS\'s response codes by what to do', () => {
    expect(turboSmsError(301, 'INVALID_TOKEN')).toBeInstanceOf(BadCredentialsError);
    expect(turboSmsError(203, 'REQUIRED_BALANCE')).toBeInstanceOf(BadCredentialsError);
    expect(turboSmsError(400, 'NOT_ALLOWED_MESSAGE_SENDER')).toBeInstanceOf(BadCredentialsError);
    expect(turboSmsError(404, 'NOT_ALLOWED_NUMBER_STOPLIST')).toBeInstanceOf(SmsOptedOutError);
    expect(turboSmsError(406, 'NOT_ALLOWED_RECIPIENT_COUNTRY')).toBeInstanceOf(RecipientUnreachableError);
    expect(turboSmsError(413, 'NOT_ALLOWED_MESSAGE_TEXT_LENGTH')).toBeInstanceOf(RejectedMessageError);
    expect(turboSmsError(999, 'FATAL_ERROR')).toBeInstanceOf(TemporarySendError);
    expect(turboSmsError(NaN, 'HTTP 502')).toBeInstanceOf(TemporarySendError);
    expect(turboSmsError(429, 'x')).not.toBeInstanceOf(RateLimitedError);
  });

  it('polls message/status.json: delivered, failed with the reason, nothing for unknown ids', async () => {
    const { providerMessageId: first } = await turbo.send({ to: '+380671230001', text: 'hi' });
    const { providerMessageId: second } = await turbo.send({ to: '+380671230002', text: 'hi' });
    const { providerMessageId: third } = await turbo.send({ to: '+380671230003', text: 'hi' });
    await fake.report(first, 'Delivered');
    await fake.report(second, 'Undelivered');
    expect(await turbo.status([first, second, third, 'f83f8868-5e46-c6cf-e4fb-615e5a293754'])).toEqual([
      { providerMessageId: first, status: 'delivered' },
      { providerMessageId: second, status: 'failed', error: 'Undelivered' },
      { providerMessageId: third, status: 'accepted' },
    ]);
    expect(await turbo.status([])).toEqual([]);
  });
});

describe('TurboSMS webhooks', () => {
  const turbo = new TurboSms({ provider: 'turbosms', token: TOKEN, sender: 'Turbota', apiUrl: 'http://127.0.0.1:9', webhookSecret: SECRET });
  const request = (body: unknown) => ({ url: 'https://turbota.example/webhooks/sms/turbosms', headers: {}, rawBody: Buffer.from(JSON.stringify(body)), body });

  it('reads the fake\'s signed DLR_SMS_API events and refuses a forged one', async () => {
    const fake = await FakeTurboSms.start(TOKEN);
    const route = await receiver();
    try {
      fake.webhook = { url: route.url, secret: SECRET };
      const provider = new TurboSms({ provider: 'turbosms', token: TOKEN, sender: 'Turbota', apiUrl: fake.url, webhookSecret: SECRET });
      const { providerMessageId } = await provider.send({ to: CUSTOMER, text: 'hi' });
      expect(await fake.report(providerMessageId, 'Delivered')).toBe(200);
      await fake.report(providerMessageId, 'Delivered', { signature: sha1('guess') });
      const [signed, forged] = route.bodies;
      expect(provider.verifyReport(request(signed))).toBe(true);
      expect(provider.parseReports(signed)).toEqual([{ providerMessageId, status: 'delivered' }]);
      expect(provider.verifyReport(request(forged))).toBe(false);
    } finally {
      await route.close();
      await fake.close();
    }
  });

  it('takes the secret and the id joined in either order, and nothing without its secret', () => {
    const event = (signature: string) => ({ id: '1042', signature, type: 'DLR_SMS_API', data: { message_id: 'm1', status: 'Delivered' } });
    expect(turbo.verifyReport(request(event(sha1(`${SECRET}1042`))))).toBe(true);
    expect(turbo.verifyReport(request(event(sha1(`1042${SECRET}`).toUpperCase())))).toBe(true);
    expect(turbo.verifyReport(request(event(sha1('1042'))))).toBe(false);
    expect(turbo.verifyReport(request({ ...event(sha1(`${SECRET}1042`)), id: '1043' }))).toBe(false);
    expect(turbo.verifyReport(request('not an event'))).toBe(false);
    const unsecured = new TurboSms({ provider: 'turbosms', token: TOKEN, sender: 'Turbota', apiUrl: 'http://127.0.0.1:9' });
    expect(unsecured.verifyReport(request(event(sha1(`${SECRET}1042`))))).toBe(false);
  });

  it('reads SMPP and panel status words, the form-data shape, and no report from other events', () => {
    const dlr = (data: Record<string, unknown>) => turbo.parseReports({ id: '1', signature: 'x', type: 'DLR_SMS_API', try: 1, data });
    expect(dlr({ message_id: 'm1', status: 'DELIVRD' })).toEqual([{ providerMessageId: 'm1', status: 'delivered' }]);
    expect(dlr({ message_id: 'm1', status: 'UNDELIV', error_code: 1 })).toEqual([{ providerMessageId: 'm1', status: 'failed', error: '1' }]);
    expect(dlr({ message_id: 'm1', status: 'Sent' })).toEqual([{ providerMessageId: 'm1', status: 'sent' }]);
    expect(dlr({ message_id: 'm1', status: 'Unknown' })).toEqual([]);
    expect(turbo.parseReports({ id: '2', signature: 'x', type: 'DLR_SMS_API', 'data[message_id]': 'm2', 'data[status]': 'Expired' })).toEqual([
      { providerMessageId: 'm2', status: 'failed', error: 'Expired' },
    ]);
    expect(turbo.parseReports({ id: '3', signature: 'x', type: 'DLR_VIBER_API', data: { message_id: 'm3', status: 'Read' } })).toEqual([]);
    expect(() => turbo.parseReports({ id: '4', data: {} })).toThrow(MalformedRequestError);
    expect(() => dlr({ status: 'Delivered' })).toThrow(MalformedRequestError);
    expect(() => turbo.parseReports(null)).toThrow(MalformedRequestError);
  });
});
