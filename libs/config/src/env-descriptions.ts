import type { ENV_SCHEMA } from './app-config';

/** The name of an environment variable the config reads. */
export type EnvVariable = keyof typeof ENV_SCHEMA.shape;

/**
 * One line about each variable, written as a comment above it in `.env.example`; the README's
 * Configuration table says more. The type makes a variable added to the schema without a line
 * here (or a line left after a variable is removed) fail the typecheck.
 */
export const ENV_DESCRIPTIONS = {
  PORT: 'HTTP port of the process',
  PUBLIC_URL: 'the address platforms and customers reach Turbota at (https://feedback.example.com); webhooks are registered on it',
  DEFAULT_LOCALE: 'uk, ru or en: the language when a customer\'s is unknown (unset: uk when supported, else the first of SUPPORTED_LOCALES)',
  SUPPORTED_LOCALES: 'the languages this installation speaks, comma-separated (uk, ru, en); customers, pools and the web chat use only these',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent',
  DATA_DIR: 'where the embedded database and the generated keys live',
  DATABASE_URL: 'postgres://... of a PostgreSQL 15+ server; unset: the embedded database in DATA_DIR',
  DATABASE_POOL_SIZE: 'connections each process keeps to DATABASE_URL',
  WEBHOOK_INLINE_STEPS: 'dialogue steps a bot process applies inside webhook requests at once (unset: pool size - 2); 0 queues every input',
  INBOUND_WORKER: 'false: this bot process queues every input and applies none (unset: true)',
  ADMIN_API_KEY: 'the first admin API key, at least 24 characters (unset: one is generated into DATA_DIR)',
  METRICS_TOKEN: 'when set (24+ characters), GET /metrics answers only Authorization: Bearer <METRICS_TOKEN>',
  PII_ENCRYPTION_KEY: '32 bytes (64 hex digits or base64) encrypting customers\' contacts at rest (unset: generated into DATA_DIR; set it in production)',
  PII_ENCRYPTION_KEYS_PREVIOUS: 'during a key rotation, the former keys, comma-separated: they only open older values',
  PII_RETENTION_DAYS: 'personal data older than this many days is purged (unset or off: kept until a customer is erased)',
  TELEGRAM_BOT_TOKEN: 'turns the Telegram channel on (with TELEGRAM_WEBHOOK_SECRET)',
  TELEGRAM_WEBHOOK_SECRET: 'checked against X-Telegram-Bot-Api-Secret-Token on every update',
  TELEGRAM_API_ROOT: 'the Bot API server (unset: https://api.telegram.org)',
  SLACK_BOT_TOKEN: 'turns Slack on (with SLACK_SIGNING_SECRET)',
  SLACK_SIGNING_SECRET: 'verifies every request Slack sends',
  SLACK_ESCALATION_CHANNEL: 'the channel incidents are posted to',
  SLACK_SUPERVISOR_GROUP: 'a Slack user group id (S...): only its members are supervisors',
  SLACK_API_URL: 'the Web API (unset: https://slack.com/api/)',
  VIBER_AUTH_TOKEN: 'turns Viber on; also the key of its callback signatures',
  VIBER_API_URL: 'the REST API (unset: https://chatapi.viber.com/pa/)',
  VIBER_SENDER_NAME: 'the sender name Viber shows, at most 28 characters (unset: Turbota)',
  MICROSOFT_APP_ID: 'Bot Framework app id; turns the channel on (with MICROSOFT_APP_PASSWORD)',
  MICROSOFT_APP_PASSWORD: 'Bot Framework app password',
  BOTFRAMEWORK_ANONYMOUS: 'without an app id, true turns Bot Framework on unauthenticated, for the Emulator (never in production; unset: false)',
  BOTFRAMEWORK_SERVICE_URLS: 'origins Bot Framework replies may go to besides Microsoft\'s hosts, comma-separated',
  API_RATE_LIMIT_PER_MINUTE: 'requests a minute each API key may make to one process; 0 is off',
  API_CHECK_RESPONSES: 'true: every API response is checked against the OpenAPI document, a mismatch answered 500 (for development and tests)',
  CHAT_SESSION_RATE_LIMIT_PER_MINUTE: 'web chat sessions a minute from one client address to one process; 0 is off',
  HTTP_REQUEST_TIMEOUT_SECONDS: 'a request\'s body must have arrived within this (CSV imports excepted)',
  HTTP_IMPORT_TIMEOUT_SECONDS: 'what an authenticated CSV import\'s upload may take instead',
  HTTP_HEADERS_TIMEOUT_SECONDS: 'a request\'s headers must have arrived within this',
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: 'an idle keep-alive connection is closed after this (set it above your proxy\'s)',
  HTTP_IDLE_TIMEOUT_SECONDS: 'a connection with no bytes either way for this long is closed (at least 30)',
  HTTP_MAX_CONNECTIONS: 'open connections per process (unset: 800 with PostgreSQL, 500 embedded)',
  SHUTDOWN_DELAY_SECONDS: 'after SIGTERM, seconds the process keeps serving with /health/ready at 503 before it stops taking connections (at most 10)',
  CHAT_INPUT_RATE_LIMIT_PER_MINUTE: 'inputs a minute one web chat session may send; 0 is off',
  CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE: 'web chat inputs a minute from one client address to one process; 0 is off',
  CHAT_STREAMS_PER_SESSION: 'web chat event streams one session may hold open in one process; 0 is no limit',
  CHAT_STREAMS_PER_ADDRESS: 'web chat event streams one client address may hold open in one process; 0 is no limit',
  ANONYMOUS_CHANNELS: 'channels whose customers anyone can be, comma-separated: their new incidents are rate-counted',
  ANONYMOUS_INCIDENTS_PER_WINDOW: 'new incidents from anonymous channels posted one by one per window; the rest go to a digest',
  ANONYMOUS_INCIDENTS_WINDOW_MINUTES: 'the window of the rate above',
  INCIDENT_DIGEST_EVERY_MINUTES: 'how often a digest of the held-back incidents is posted',
  SLA_HERE_MENTIONS_PER_WINDOW: 'SLA breach announcements that may mention <!here> per window; 0 never mentions',
  SLA_HERE_WINDOW_MINUTES: 'the window of the mentions\' budget',
  TRUST_PROXY: 'which proxies\' X-Forwarded-For is believed: false, true, a number of proxies, or their addresses/subnets',
} satisfies Record<EnvVariable, string>;
