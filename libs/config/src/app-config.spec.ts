import { loadConfig } from './app-config';
import { configProblemsOf as problemsOf } from '../../../tests/support/config-problems';

describe('loadConfig', () => {
  it('brings the system up on the embedded database with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', defaultLocale: 'uk', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.channels).toEqual({
      telegram: null,
      slack: null,
      viber: null,
      messenger: null,
      whatsapp: null,
      botframework: null,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('names a port that is not a number', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number (got "abc")']);
  });

  it('names a port out of range', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be between 1 and 65535 (got "70000")']);
  });

  it('names every wrong variable at once and never echoes a secret', () => {
    const problems = problemsOf({
      DEFAULT_LOCALE: 'de',
      DATABASE_URL: 'mysql://user:pass@host/db',
      ADMIN_API_KEY: 'short-secret',
      METRICS_TOKEN: 'short-token',
    });
    expect(problems).toEqual([
      'DEFAULT_LOCALE must be one of uk, ru, en (got "de")',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      'ADMIN_API_KEY must be at least 24 characters long',
      'METRICS_TOKEN must be at least 24 characters long',
    ]);
    expect(problems.join('\n')).not.toContain('pass');
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems.join('\n')).not.toContain('short-token');
  });

  it('speaks uk, ru and en unless SUPPORTED_LOCALES names fewer, defaulting to one of them', () => {
    expect(loadConfig({})).toMatchObject({ supportedLocales: ['uk', 'ru', 'en'], defaultLocale: 'uk' });
    expect(loadConfig({ SUPPORTED_LOCALES: 'en' })).toMatchObject({ supportedLocales: ['en'], defaultLocale: 'en' });
    expect(loadConfig({ SUPPORTED_LOCALES: ' EN , ru,en', DEFAULT_LOCALE: 'ru' })).toMatchObject({ supportedLocales: ['en', 'ru'], defaultLocale: 'ru' });
  });

  it('refuses an unknown or empty SUPPORTED_LOCALES, and a DEFAULT_LOCALE outside it, naming both', () => {
    expect(problemsOf({ SUPPORTED_LOCALES: 'en,de' })).toEqual(['SUPPORTED_LOCALES must be one or more of uk, ru, en, separated by commas (got "en,de")']);
    expect(problemsOf({ SUPPORTED_LOCALES: ',' })).toEqual(['SUPPORTED_LOCALES must be one or more of uk, ru, en, separated by commas (got ",")']);
    expect(problemsOf({ SUPPORTED_LOCALES: 'en', DEFAULT_LOCALE: 'uk' })).toEqual([
      'DEFAULT_LOCALE must be one of SUPPORTED_LOCALES (got DEFAULT_LOCALE "uk", SUPPORTED_LOCALES "en")',
    ]);
  });

  it('reads a PII key written in hex or base64 and refuses a wrong length', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ PII_ENCRYPTION_KEY: hex }).piiEncryptionKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ PII_ENCRYPTION_KEY: b64 }).piiEncryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(problemsOf({ PII_ENCRYPTION_KEY: 'abcd' })).toEqual([
      'PII_ENCRYPTION_KEY must be 32 bytes, written as 64 hex digits or in base64',
    ]);
  });

  it('reads the previous PII keys of a rotation, comma-separated, and refuses them without a current key', () => {
    const config = loadConfig({ PII_ENCRYPTION_KEY: 'ab'.repeat(32), PII_ENCRYPTION_KEYS_PREVIOUS: ` ${'cd'.repeat(32)} , ${Buffer.alloc(32, 9).toString('base64')}` });
    expect(config.piiPreviousKeys).toEqual([Buffer.alloc(32, 0xcd), Buffer.alloc(32, 9)]);
    expect(loadConfig({}).piiPreviousKeys).toEqual([]);
    expect(problemsOf({ PII_ENCRYPTION_KEY: 'ab'.repeat(32), PII_ENCRYPTION_KEYS_PREVIOUS: `${'cd'.repeat(32)},abcd` })).toEqual([
      'PII_ENCRYPTION_KEYS_PREVIOUS must be comma-separated keys of 32 bytes each, written as 64 hex digits or in base64',
    ]);
    expect(problemsOf({ PII_ENCRYPTION_KEYS_PREVIOUS: 'cd'.repeat(32) })).toEqual(['PII_ENCRYPTION_KEY is required when PII_ENCRYPTION_KEYS_PREVIOUS is set']);
  });

  it('keeps personal data until erased unless PII_RETENTION_DAYS says how long', () => {
    expect(loadConfig({}).piiRetentionDays).toBeNull();
    expect(loadConfig({ PII_RETENTION_DAYS: 'off' }).piiRetentionDays).toBeNull();
    expect(loadConfig({ PII_RETENTION_DAYS: '365' }).piiRetentionDays).toBe(365);
    expect(problemsOf({ PII_RETENTION_DAYS: '0' })).toEqual(['PII_RETENTION_DAYS must be a whole number of days between 1 and 36500, or off (got "0")']);
  });

  it('limits 600 API requests a minute per key and 30 web chat sessions per address, trusting no proxy, by default', () => {
    expect(loadConfig({}).http).toMatchObject({ apiRateLimitPerMinute: 600, chatSessionRateLimitPerMinute: 30, trustProxy: false });
    const tuned = loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0', CHAT_SESSION_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '1' }).http;
    expect(tuned).toMatchObject({ apiRateLimitPerMinute: 0, chatSessionRateLimitPerMinute: 5, trustProxy: 1 });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(problemsOf({ API_RATE_LIMIT_PER_MINUTE: '-1', TRUST_PROXY: 'everyone' })).toEqual([
      'API_RATE_LIMIT_PER_MINUTE must be between 0 and 1000000 (got "-1")',
      'TRUST_PROXY must be false, true, a number of proxies, or proxy addresses/subnets separated by commas (got "everyone")',
    ]);
  });

  it('budgets an anonymous web chat session at 20 inputs a minute, an address at 120, and 3 and 10 open event streams, by default', () => {
    expect(loadConfig({}).chatLimits).toEqual({ inputsPerSessionPerMinute: 20, inputsPerAddressPerMinute: 120, streamsPerSession: 3, streamsPerAddress: 10 });
    const tuned = loadConfig({ CHAT_INPUT_RATE_LIMIT_PER_MINUTE: '0', CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE: '600', CHAT_STREAMS_PER_SESSION: '1', CHAT_STREAMS_PER_ADDRESS: '0' }).chatLimits;
    expect(tuned).toEqual({ inputsPerSessionPerMinute: 0, inputsPerAddressPerMinute: 600, streamsPerSession: 1, streamsPerAddress: 0 });
    expect(problemsOf({ CHAT_INPUT_RATE_LIMIT_PER_MINUTE: 'many' })).toEqual([expect.stringMatching(/^CHAT_INPUT_RATE_LIMIT_PER_MINUTE must be/)]);
  });

  it('gives a request 30 s, an import 30 min, and serves at most 500 connections (800 with PostgreSQL), by default', () => {
    expect(loadConfig({}).http).toMatchObject({
      requestTimeoutSeconds: 30,
      importTimeoutSeconds: 1_800,
      headersTimeoutSeconds: 15,
      keepAliveTimeoutSeconds: 5,
      idleTimeoutSeconds: 120,
      maxConnections: 500,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/turbota' }).http.maxConnections).toBe(800);
    const tuned = loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '10', HTTP_MAX_CONNECTIONS: '200' }).http;
    expect(tuned).toMatchObject({ requestTimeoutSeconds: 10, maxConnections: 200 });
    expect(problemsOf({ HTTP_REQUEST_TIMEOUT_SECONDS: '0', HTTP_IDLE_TIMEOUT_SECONDS: '10' })).toEqual([
      'HTTP_REQUEST_TIMEOUT_SECONDS must be between 1 and 3600 (got "0")',
      'HTTP_IDLE_TIMEOUT_SECONDS must be between 30 and 86400 (got "10")',
    ]);
  });

  it('turns a channel on only with its full credentials, pointing at the real platform by default', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: 'secret_1',
      VIBER_AUTH_TOKEN: 'viber-token',
      VIBER_API_URL: 'http://127.0.0.1:9999/pa/',
    });
    expect(config.channels.telegram).toEqual({
      botToken: '123:abc',
      apiRoot: 'https://api.telegram.org',
      mode: 'polling',
    });
    expect(config.channels.viber).toEqual({ authToken: 'viber-token', apiUrl: 'http://127.0.0.1:9999/pa/', senderName: 'Turbota' });
    expect(config.channels.slack).toBeNull();
  });

  it('turns Messenger on only with its token, secret and verify token, naming the ones missing', () => {
    const all = { MESSENGER_PAGE_ACCESS_TOKEN: 'EAAG-page-token', MESSENGER_APP_SECRET: 'app-secret', MESSENGER_VERIFY_TOKEN: 'verify-me' };
    expect(loadConfig(all).channels.messenger).toEqual({ pageAccessToken: 'EAAG-page-token', appSecret: 'app-secret', verifyToken: 'verify-me', apiUrl: 'https://graph.facebook.com/v21.0' });
    expect(loadConfig({ ...all, MESSENGER_API_URL: 'http://127.0.0.1:9999/v21.0/' }).channels.messenger?.apiUrl).toBe('http://127.0.0.1:9999/v21.0');
    expect(problemsOf({ MESSENGER_PAGE_ACCESS_TOKEN: 'EAAG-page-token' })).toEqual(['MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN are required when MESSENGER_PAGE_ACCESS_TOKEN is set']);
    expect(problemsOf({ MESSENGER_APP_SECRET: 'app-secret', MESSENGER_VERIFY_TOKEN: 'verify-me' })).toEqual(['MESSENGER_PAGE_ACCESS_TOKEN is required when MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN are set']);
    expect(problemsOf({ ...all, MESSENGER_API_URL: 'graph.facebook.com' })).toEqual(['MESSENGER_API_URL must be a URL starting with http:// or https:// (got "graph.facebook.com")']);
  });

  it('turns WhatsApp on only with its token, phone number id, secret and verify token; takes a template only with them', () => {
    const all = { WHATSAPP_ACCESS_TOKEN: 'EAAG-wa-token', WHATSAPP_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_APP_SECRET: 'app-secret', WHATSAPP_VERIFY_TOKEN: 'verify-me' };
    expect(loadConfig(all).channels.whatsapp).toEqual({ accessToken: 'EAAG-wa-token', phoneNumberId: '106540352242922', appSecret: 'app-secret', verifyToken: 'verify-me', apiUrl: 'https://graph.facebook.com/v21.0' });
    expect(loadConfig({ ...all, WHATSAPP_INVITATION_TEMPLATE: 'survey_invitation', WHATSAPP_API_URL: 'http://127.0.0.1:9999/v21.0/' }).channels.whatsapp).toMatchObject({ invitationTemplate: 'survey_invitation', apiUrl: 'http://127.0.0.1:9999/v21.0' });
    expect(problemsOf({ WHATSAPP_ACCESS_TOKEN: 'EAAG-wa-token', WHATSAPP_APP_SECRET: 'app-secret' })).toEqual(['WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_VERIFY_TOKEN are required when WHATSAPP_ACCESS_TOKEN and WHATSAPP_APP_SECRET are set']);
    expect(problemsOf({ WHATSAPP_INVITATION_TEMPLATE: 'survey_invitation' })).toEqual(['WHATSAPP_ACCESS_TOKEN is required when WHATSAPP_INVITATION_TEMPLATE is set']);
    expect(problemsOf({ ...all, WHATSAPP_PHONE_NUMBER_ID: '+380 67 123 4567' })).toEqual([expect.stringMatching(/^WHATSAPP_PHONE_NUMBER_ID must be the digits of the phone number id/)]);
    expect(problemsOf({ ...all, WHATSAPP_INVITATION_TEMPLATE: 'Survey Invitation' })).toEqual([expect.stringMatching(/^WHATSAPP_INVITATION_TEMPLATE must be a template's name/)]);
  });

  it('polls Telegram without a public address, and takes its webhook where PUBLIC_URL says Turbota is reachable', () => {
    const token = { TELEGRAM_BOT_TOKEN: '123:abc' };
    expect(loadConfig(token).channels.telegram).toEqual({ botToken: '123:abc', apiRoot: 'https://api.telegram.org', mode: 'polling' });
    const reachable = { ...token, PUBLIC_URL: 'https://feedback.example.com', TELEGRAM_WEBHOOK_SECRET: 'secret_1' };
    expect(loadConfig(reachable).channels.telegram).toEqual({ botToken: '123:abc', apiRoot: 'https://api.telegram.org', mode: 'webhook', webhookSecret: 'secret_1' });
    // Chosen against the default either way.
    expect(loadConfig({ ...reachable, TELEGRAM_MODE: 'polling' }).channels.telegram?.mode).toBe('polling');
    expect(loadConfig({ ...token, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'secret_1' }).channels.telegram?.mode).toBe('webhook');
    expect(problemsOf({ ...token, TELEGRAM_MODE: 'long-poll' })).toEqual(['TELEGRAM_MODE must be webhook or polling (got "long-poll")']);
  });

  it('refuses a Telegram webhook without its secret, saying how to poll instead', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_MODE: 'webhook' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook (or set TELEGRAM_MODE=polling to fetch updates without a webhook)',
    ]);
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: '123:abc', PUBLIC_URL: 'https://feedback.example.com' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set with PUBLIC_URL (webhook mode; or set TELEGRAM_MODE=polling)',
    ]);
  });

  it('refuses half a set of credentials, naming the missing variable', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set',
    ]);
  });

  it('reads the supervisors’ Slack user group, refusing what is not a group id', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_ESCALATION_CHANNEL: 'C1' };
    expect(loadConfig({ ...slack, SLACK_SUPERVISOR_GROUP: 'S0SUPERVISORS' }).channels.slack?.supervisorGroup).toBe('S0SUPERVISORS');
    expect(loadConfig(slack).channels.slack?.supervisorGroup).toBeUndefined();
    expect(problemsOf({ ...slack, SLACK_SUPERVISOR_GROUP: '@supervisors' })[0]).toMatch(/^SLACK_SUPERVISOR_GROUP must be a Slack user group id/);
  });

  it('turns Slack Socket Mode on with an app-level token, which needs the bot token and the signing secret', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(loadConfig({ ...slack, SLACK_APP_TOKEN: 'xapp-1-A0-1-abc' }).channels.slack?.appToken).toBe('xapp-1-A0-1-abc');
    expect(loadConfig(slack).channels.slack?.appToken).toBeUndefined();
    // A bot token in the app token's place is the usual mistake; the message does not repeat the token.
    expect(problemsOf({ ...slack, SLACK_APP_TOKEN: 'xoxb-2' })).toEqual(['SLACK_APP_TOKEN must be an app-level token (xapp-...)']);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set']));
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual(['SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set']);
  });

  it('refuses a Telegram secret Telegram itself would refuse', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_SECRET: 'has space' })[0]).toMatch(
      /^TELEGRAM_WEBHOOK_SECRET must be 1-256 characters/,
    );
  });

  it('applies the inbound queue in every bot process unless INBOUND_WORKER is false', () => {
    expect(loadConfig({}).inboundWorker).toBe(true);
    expect(loadConfig({ INBOUND_WORKER: 'false' }).inboundWorker).toBe(false);
    expect(problemsOf({ INBOUND_WORKER: 'no' })).toEqual(['INBOUND_WORKER must be true or false (got "no")']);
  });

  it('posts 10 anonymous incidents per 10 minutes one by one and mentions <!here> 3 times an hour, by default', () => {
    expect(loadConfig({}).supervisorNotices).toEqual({
      anonymousChannels: ['web'],
      anonymousIncidentsPerWindow: 10,
      anonymousWindowMinutes: 10,
      digestEveryMinutes: 10,
      hereMentionsPerWindow: 3,
      hereWindowMinutes: 60,
    });
    const tuned = loadConfig({ ANONYMOUS_CHANNELS: 'web, viber', ANONYMOUS_INCIDENTS_PER_WINDOW: '50', SLA_HERE_MENTIONS_PER_WINDOW: '0' }).supervisorNotices;
    expect(tuned).toMatchObject({ anonymousChannels: ['web', 'viber'], anonymousIncidentsPerWindow: 50, hereMentionsPerWindow: 0 });
    expect(problemsOf({ INCIDENT_DIGEST_EVERY_MINUTES: '0', SLA_HERE_WINDOW_MINUTES: 'hour' })).toEqual([
      'INCIDENT_DIGEST_EVERY_MINUTES must be between 1 and 1440 (got "0")',
      'SLA_HERE_WINDOW_MINUTES must be a whole number (got "hour")',
    ]);
  });

  it('stops taking connections at once after SIGTERM unless SHUTDOWN_DELAY_SECONDS says to wait, 10 s at most', () => {
    expect(loadConfig({}).http.shutdownDelaySeconds).toBe(0);
    expect(loadConfig({ SHUTDOWN_DELAY_SECONDS: '5' }).http.shutdownDelaySeconds).toBe(5);
    expect(problemsOf({ SHUTDOWN_DELAY_SECONDS: '11' })).toEqual(['SHUTDOWN_DELAY_SECONDS must be between 0 and 10 (got "11")']);
  });

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://feedback.example.com/' }).publicUrl).toBe('https://feedback.example.com');
  });

  it('reads the extra Bot Framework service origins and refuses anything but an origin', () => {
    expect(loadConfig({ BOTFRAMEWORK_ANONYMOUS: 'true' }).channels.botframework).toEqual({ anonymous: true, serviceUrls: [] });
    const env = { BOTFRAMEWORK_ANONYMOUS: 'true', BOTFRAMEWORK_SERVICE_URLS: 'http://127.0.0.1:3978/, HTTPS://Connector.Example,http://localhost:*' };
    expect(loadConfig(env).channels.botframework).toEqual({ anonymous: true, serviceUrls: ['http://127.0.0.1:3978', 'https://connector.example', 'http://localhost:*'] });
    for (const wrong of ['http://127.0.0.1:3978/v3', 'https://user@connector.example', 'ftp://connector.example', 'connector.example', 'http://*:3978', 'http://localhost:*/v3']) {
      expect(problemsOf({ BOTFRAMEWORK_SERVICE_URLS: wrong })[0]).toMatch(/^BOTFRAMEWORK_SERVICE_URLS must be comma-separated origins/);
    }
  });
});
