import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('brings the system up on the embedded database with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', defaultLocale: 'uk', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.channels).toEqual({
      telegram: null,
      slack: null,
      viber: null,
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
    });
    expect(problems).toEqual([
      'DEFAULT_LOCALE must be one of uk, ru, en (got "de")',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      'ADMIN_API_KEY must be at least 24 characters long',
    ]);
    expect(problems.join('\n')).not.toContain('pass');
    expect(problems.join('\n')).not.toContain('short-secret');
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

  it('turns a channel on only with its full credentials, pointing at the real platform by default', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: 'secret_1',
      VIBER_AUTH_TOKEN: 'viber-token',
      VIBER_API_URL: 'http://127.0.0.1:9999/pa/',
    });
    expect(config.channels.telegram).toEqual({
      botToken: '123:abc',
      webhookSecret: 'secret_1',
      apiRoot: 'https://api.telegram.org',
    });
    expect(config.channels.viber).toEqual({ authToken: 'viber-token', apiUrl: 'http://127.0.0.1:9999/pa/', senderName: 'Turbota' });
    expect(config.channels.slack).toBeNull();
  });

  it('refuses half a set of credentials, naming the missing variable', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: '123:abc' })).toEqual([
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set',
    ]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set',
    ]);
  });

  it('refuses a Telegram secret Telegram itself would refuse', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_SECRET: 'has space' })[0]).toMatch(
      /^TELEGRAM_WEBHOOK_SECRET must be 1-256 characters/,
    );
  });

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://feedback.example.com/' }).publicUrl).toBe('https://feedback.example.com');
  });
});
