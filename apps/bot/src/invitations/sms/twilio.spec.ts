import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MalformedRequestError } from '../../channels/channel-adapter';
import { BadCredentialsError, RateLimitedError, RecipientUnreachableError, RejectedMessageError, TemporarySendError } from '../../channels/send-errors';
import { FakeTwilio } from '../../../../../tests/support/fake-twilio';
import { SmsOptedOutError } from './sms-provider';
import { twilioError, twilioOptOutOf, TwilioSms } from './twilio';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token';
const CUSTOMER = '+380671234567';

/** A local route standing in for Turbota's webhook: records what is posted to it. */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; rawBody: Buffer; url: string }[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, rawBody: Buffer.concat(chunks), url: `${this.url.replace(/\/webhooks.*$/, '')}${req.url ?? ''}` });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/sms/twilio`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

const formOf = (raw: Buffer) => Object.fromEntries(new URLSearchParams(raw.toString('utf8')));

describe('TwilioSms sending', () => {
  let fake: FakeTwilio;
  let twilio: TwilioSms;
  beforeAll(async () => {
    fake = await FakeTwilio.start(SID, TOKEN);
    twilio = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: TOKEN, from: '+15005550006', apiUrl: fake.url });
  });
  afterAll(() => fake.close());

  it('posts the text from our number with its status callback and answers Twilio\'s message sid', async () => {
    const { providerMessageId } = await twilio.send({ to: CUSTOMER, text: 'Оцініть візит: https://t.example/s/1', statusCallbackUrl: 'https://turbota.example/webhooks/sms/twilio' });
    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.sent(CUSTOMER).at(-1)).toMatchObject({ sid: providerMessageId, from: '+15005550006', text: 'Оцініть візит: https://t.example/s/1', statusCallback: 'https://turbota.example/webhooks/sms/twilio' });
  });

  it('sends through a Messaging Service when TWILIO_FROM is its MG sid', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const viaService = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: TOKEN, from: service, apiUrl: fake.url });
    await viaService.send({ to: CUSTOMER, text: 'hi' });
    expect(fake.sent(CUSTOMER).at(-1)?.from).toBe(service);
  });

  it('says a STOP-ed number opted out, apart from a number that is merely invalid', async () => {
    fake.unsubscribed.add('+380501112233');
    fake.invalid.add('+380509998877');
    const optedOut = twilio.send({ to: '+380501112233', text: 'hi' });
    await expect(optedOut).rejects.toBeInstanceOf(SmsOptedOutError);
    await expect(optedOut).rejects.toBeInstanceOf(RecipientUnreachableError);
    await expect(optedOut).rejects.toMatchObject({ optedOut: true });
    await expect(optedOut).rejects.toThrow('error 21610');
    const invalid = twilio.send({ to: '+380509998877', text: 'hi' });
    await expect(invalid).rejects.toBeInstanceOf(RecipientUnreachableError);
    await expect(invalid).rejects.not.toBeInstanceOf(SmsOptedOutError);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    fake.rateLimit(7);
    await expect(twilio.send({ to: CUSTOMER, text: 'hi' })).rejects.toMatchObject({ name: 'RateLimitedError', retryAfterSeconds: 7 });
  });

  it('stops on refused credentials and retries when Twilio cannot be reached', async () => {
    const wrong = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: 'wrong', from: '+15005550006', apiUrl: fake.url });
    await expect(wrong.send({ to: CUSTOMER, text: 'hi' })).rejects.toBeInstanceOf(BadCredentialsError);
    const down = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: TOKEN, from: '+15005550006', apiUrl: 'http://127.0.0.1:9' });
    await expect(down.send({ to: CUSTOMER, text: 'hi' })).rejects.toBeInstanceOf(TemporarySendError);
  });

  it('maps the other answers by what to do', () => {
    expect(twilioError(429, 20429, null)).toMatchObject({ retryAfterSeconds: 1 });
    expect(twilioError(403, 20003, null)).toBeInstanceOf(BadCredentialsError);
    expect(twilioError(400, 21614, null)).toBeInstanceOf(RecipientUnreachableError);
    expect(twilioError(400, 21602, null)).toBeInstanceOf(RejectedMessageError);
    expect(twilioError(404, 20404, null)).toBeInstanceOf(RejectedMessageError);
    expect(twilioError(503, NaN, null)).toBeInstanceOf(TemporarySendError);
    expect(twilioError(400, 21610, null)).toBeInstanceOf(SmsOptedOutError);
    expect(twilioError(429, 20429, '2.5')).toBeInstanceOf(RateLimitedError);
  });
});

describe('Twilio status callbacks', () => {
  const twilio = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: '12345', from: '+15005550006', apiUrl: 'http://127.0.0.1:9' });

  it('checks the signature with Twilio\'s documented example', () => {
    // https://www.twilio.com/docs/usage/security: auth token 12345, this URL and these parameters.
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const signed = (caller: string, signature: string, digits = '1234') => ({
      url,
      headers: { 'x-twilio-signature': signature },
      rawBody: Buffer.from(new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: caller, Digits: digits, From: caller, To: '+18005551212' }).toString()),
      body: {},
    });
    expect(twilio.verifyReport(signed('+12349013030', '0/KCTR6DLpKmkAf8muzZqo1nDgQ='))).toBe(true);
    expect(twilio.verifyReport(signed('+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='))).toBe(true);
    expect(twilio.verifyReport(signed('+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', '9999'))).toBe(false);
    expect(twilio.verifyReport({ ...signed('+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='), url: 'https://mycompany.com/myapp.php' })).toBe(false);
    expect(twilio.verifyReport({ ...signed('+14158675309', ''), headers: {} })).toBe(false);
    // Without the raw body, the parsed form is signed the same.
    const parsed = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    expect(twilio.verifyReport({ url, headers: { 'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' }, rawBody: undefined, body: parsed })).toBe(true);
    expect(twilio.verifyReport({ url, headers: { 'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' }, rawBody: undefined, body: 'CallSid=x' })).toBe(false);
  });

  it('reads the fake\'s signed callbacks: delivered, and undelivered with its error', async () => {
    const fake = await FakeTwilio.start(SID, TOKEN);
    const receiver = await new Receiver().start();
    try {
      const provider = new TwilioSms({ provider: 'twilio', accountSid: SID, authToken: TOKEN, from: '+15005550006', apiUrl: fake.url });
      const { providerMessageId } = await provider.send({ to: CUSTOMER, text: 'hi', statusCallbackUrl: receiver.url });
      expect(await fake.report(providerMessageId, 'delivered')).toBe(200);
      expect(await fake.report(providerMessageId, 'undelivered', { errorCode: 30003 })).toBe(200);
      await fake.report(providerMessageId, 'delivered', { signature: 'forged=' });
      const [delivered, undelivered, forged] = receiver.requests.map((r) => ({ ...r, body: formOf(r.rawBody) }));
      expect(provider.verifyReport(delivered)).toBe(true);
      expect(provider.parseReports(delivered.body)).toEqual([{ providerMessageId, status: 'delivered' }]);
      expect(provider.verifyReport(undelivered)).toBe(true);
      expect(provider.parseReports(undelivered.body)).toEqual([{ providerMessageId, status: 'failed', error: '30003' }]);
      expect(provider.verifyReport(forged)).toBe(false);
    } finally {
      await receiver.close();
      await fake.close();
    }
  });

  it('maps every status, flags an opt-out, and reads an inbound message as no report', () => {
    const report = (status: string, extra: Record<string, string> = {}) => twilio.parseReports({ MessageSid: 'SM1', SmsSid: 'SM1', MessageStatus: status, ...extra });
    expect(['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'canceled'].map((s) => report(s)[0].status)).toEqual([
      'accepted', 'accepted', 'sent', 'sent', 'delivered', 'delivered', 'failed', 'failed', 'failed',
    ]);
    expect(report('failed', { ErrorCode: '21610' })).toEqual([{ providerMessageId: 'SM1', status: 'failed', error: '21610', optedOut: true }]);
    expect(report('partially_delivered')).toEqual([]);
    // A status named like an object's own properties is no status.
    expect([report('__proto__'), report('constructor'), report('toString')]).toEqual([[], [], []]);
    expect(twilio.parseReports({ MessageSid: 'SM2', SmsStatus: 'received', From: CUSTOMER, Body: 'STOP' })).toEqual([]);
    expect(twilio.parseReports({ MessageSid: 'SM2', From: CUSTOMER, Body: 'STOP' })).toEqual([]);
    expect(() => twilio.parseReports({ MessageStatus: 'sent' })).toThrow(MalformedRequestError);
    expect(() => twilio.parseReports({ MessageSid: 'SM1' })).toThrow(MalformedRequestError);
    expect(() => twilio.parseReports(['SM1'])).toThrow(MalformedRequestError);
  });
});

describe('twilioOptOutOf', () => {
  const inbound = (text: string, from = CUSTOMER) => ({ MessageSid: 'SM3', SmsStatus: 'received', From: from, To: '+15005550006', Body: text });

  it('answers the number of a customer whose whole reply is an opt-out word, in any case', () => {
    for (const word of ['STOP', ' stop ', 'Stop!', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'СТОП', 'стоп', 'Стоп.']) {
      expect(twilioOptOutOf(inbound(word))).toBe(CUSTOMER);
    }
    expect(twilioOptOutOf({ ...inbound('please no more'), OptOutType: 'STOP' })).toBe(CUSTOMER);
  });

  it('answers null for other replies, status callbacks and what is not Twilio\'s form', () => {
    expect(twilioOptOutOf(inbound('stop sending me this'))).toBeNull();
    expect(twilioOptOutOf(inbound('10'))).toBeNull();
    expect(twilioOptOutOf(inbound('STOP', '0671234567'))).toBeNull();
    expect(twilioOptOutOf({ MessageSid: 'SM1', MessageStatus: 'delivered', From: CUSTOMER, Body: 'STOP' })).toBeNull();
    expect(twilioOptOutOf(null)).toBeNull();
    expect(twilioOptOutOf('STOP')).toBeNull();
  });
});
