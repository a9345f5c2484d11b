import { z } from 'zod';
import { isLocale, LOCALES, type Locale } from '@turbota/common';
import { type InvitationPrices, invitationCurrencySchema, invitationPricesOf, invitationPricesSchema } from './invitation-prices';
import { type SmsConfig, smsOf, smsProblems } from './sms-config';

export type { InvitationPrices } from './invitation-prices';
export type { SmsConfig, TurboSmsConfig, TwilioSmsConfig } from './sms-config';

/** The environment parsed once into the shape the code uses. */
export interface AppConfig {
  port: number;
  publicUrl?: string;
  defaultLocale: Locale;
  /** The languages this installation speaks (`SUPPORTED_LOCALES`): customers, pools and the web chat use only these. */
  supportedLocales: Locale[];
  logLevel: string;
  dataDir: string;
  /** Absent means the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** Connections this process keeps to DATABASE_URL. */
  databasePoolSize: number;
  /** Dialogue steps a bot process applies inside webhook requests at once; beyond them a webhook queues the input and answers at once (0 queues every input). */
  webhookInlineSteps: number;
  /**
   * Whether this bot process applies the inbound queue. False queues every input its webhooks
   * take and leaves applying them to the bot processes where it is true (webhooks apart from
   * dialogue steps, so that the steps' CPU does not delay the acknowledgements).
   */
  inboundWorker: boolean;
  /** The first admin key; absent means one is generated into `dataDir` when no admin key exists. */
  adminApiKey?: string;
  /** When set, `GET /metrics` answers only `Authorization: Bearer <it>` (a Prometheus scrape's credentials). */
  metricsToken?: string;
  /**
   * OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT); null: off. Read by each app's
   * `tracing.ts` before the config is, since the instrumentations must load first: this is its
   * validation and what the start-up lines report.
   */
  tracing: { endpoint: string; serviceName: string | null } | null;
  /** 32-byte key for personal data at rest. */
  piiEncryptionKey?: Buffer;
  /** Keys of a rotation in progress: they only open older values and match older blind indexes. */
  piiPreviousKeys: Buffer[];
  /** Personal data older than this many days is purged; null keeps it until erased. */
  piiRetentionDays: number | null;
  channels: ChannelsConfig;
  http: HttpConfig;
  chatLimits: ChatLimitsConfig;
  /** The console's live updates (`GET /api/v1/events`). */
  live: LiveConfig;
  supervisorNotices: SupervisorNoticesConfig;
  /** People's sessions and the throttling of their sign-in. */
  signIn: SignInConfig;
  /** Outgoing e-mail (invitations, password resets); null: nothing is sent and an admin passes the links on. */
  mail: MailConfig | null;
  /** The SMS provider survey invitations go through (SMS_PROVIDER, or the one with credentials); null: no invitations by SMS. */
  sms: SmsConfig | null;
  /** What an invitation costs per channel, for the cost per answer in the reports; null: no costs reported. */
  invitationPrices: InvitationPrices | null;
  /** Single sign-on for people through an OpenID Connect provider; null: passwords only. */
  oidc: OidcConfig | null;
}

/** The OpenID Connect provider people may sign in with, and whether it may create their accounts. */
export interface OidcConfig {
  /** The issuer identifier; its `/.well-known/openid-configuration` is read on the first sign-in. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The role of a person the provider vouches for who has no account yet; null: only invited people sign in. */
  autoProvisionRole: 'admin' | 'supervisor' | 'viewer' | null;
}

/** How long a person stays signed in, and how many failures a window tolerates (0 turns a limit off). */
export interface SignInConfig {
  /** A session unused for this long ends. */
  sessionIdleHours: number;
  /** A session ends this long after the sign-in, used or not. */
  sessionMaxDays: number;
  /** Failed sign-ins one e-mail address may collect in the window, across processes. */
  failuresPerAccount: number;
  /** Failed sign-ins, refused links and reset requests one client address may collect in the window, across processes. */
  failuresPerAddress: number;
  throttleWindowMinutes: number;
}

/** The SMTP server people's invitations and password resets go through, and customers' survey invitations. */
export interface MailConfig {
  /** `smtp://user:password@host:587` or `smtps://...`. */
  smtpUrl: string;
  /** The sender, `Turbota <turbota@example.com>`. */
  from: string;
}

/** How much of a flood reaches the supervisors' Slack one by one. */
export interface SupervisorNoticesConfig {
  /** Channels whose customers anyone can be (no platform identity): their incidents are rate-counted. */
  anonymousChannels: string[];
  /** New incidents from anonymous channels, across the installation, posted one by one per window; the rest go to a digest. */
  anonymousIncidentsPerWindow: number;
  anonymousWindowMinutes: number;
  /** How often a digest of the held-back incidents is posted. */
  digestEveryMinutes: number;
  /** SLA announcements that may mention `<!here>` per window; the rest are posted without it. */
  hereMentionsPerWindow: number;
  hereWindowMinutes: number;
}

/** What one anonymous web chat session and one client address may do (0 turns a limit off). */
export interface ChatLimitsConfig {
  /** Inputs a minute one session may send, counted in the database so that it holds across processes. */
  inputsPerSessionPerMinute: number;
  /** Inputs a minute one client address may send to one process, over all its sessions. */
  inputsPerAddressPerMinute: number;
  /** Event streams open at once for one session, per process. */
  streamsPerSession: number;
  /** Event streams open at once from one client address, per process. */
  streamsPerAddress: number;
}

/** How many live event streams one process holds open (each is a connection held for as long as a console is open). */
export interface LiveConfig {
  /** Streams one person (or one API key) may hold open at once in one process; 0 is no limit. */
  streamsPerHolder: number;
  /** Streams one process holds open at once, well under its connection limit. */
  streamsPerProcess: number;
}

/** Limits on who may call how often, and which proxies' client addresses are believed. */
export interface HttpConfig {
  /** Requests a minute per API key and process (also the burst a full bucket allows); 0 is off. */
  apiRateLimitPerMinute: number;
  /** Each API response is checked against its documented schema; a mismatch is a 500 (for development and tests). */
  checkResponses: boolean;
  /** Web chat sessions opened a minute per client address and process; 0 is off. */
  chatSessionRateLimitPerMinute: number;
  /** Express's `trust proxy`: false, true, a number of hops, or addresses/subnets of the proxies. */
  trustProxy: boolean | number | string;
  /** A request's body must have arrived within this many seconds of its headers (the import routes excepted). */
  requestTimeoutSeconds: number;
  /** What an authenticated CSV import's body may take instead. */
  importTimeoutSeconds: number;
  /** A request's headers must have arrived within this many seconds. */
  headersTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this many seconds. */
  keepAliveTimeoutSeconds: number;
  /** A connection with no bytes either way for this many seconds is closed. */
  idleTimeoutSeconds: number;
  /** Open connections at most per process, kept under the descriptor limit (800 with PostgreSQL, 500 with the embedded database). */
  maxConnections: number;
  /** After SIGTERM, seconds the process keeps serving with `/health/ready` at 503 before it stops taking connections. */
  shutdownDelaySeconds: number;
}

/**
 * Telegram's way in: `webhook` (updates are posted to Turbota, checked by the secret) or
 * `polling` (the bot process fetches them with `getUpdates`, needing no public address).
 */
export type TelegramConfig = { botToken: string; apiRoot: string } & ({ mode: 'webhook'; webhookSecret: string } | { mode: 'polling' });

export interface ChannelsConfig {
  telegram: TelegramConfig | null;
  /** `supervisorGroup`: the Slack user group (id) whose members are the supervisors; unset, the escalation channel's members are. */
  /**
   * `appToken` (an app-level `xapp-` token): Socket Mode on, the bot process opens the WebSocket
   * and no public address is needed; `POST /webhooks/slack` still answers, verified by the signing secret.
   */
  slack: { botToken: string; signingSecret: string; appToken?: string; escalationChannel?: string; supervisorGroup?: string; apiUrl: string } | null;
  viber: { authToken: string; apiUrl: string; senderName: string } | null;
  /**
   * Facebook Messenger through Meta's Graph API: the Page's access token sends, the app secret
   * checks each webhook's `X-Hub-Signature-256`, the verify token answers Meta's subscription
   * handshake (`GET /webhooks/messenger`).
   */
  messenger: { pageAccessToken: string; appSecret: string; verifyToken: string; apiUrl: string } | null;
  /**
   * WhatsApp through Meta's Cloud API: the access token sends from the business phone number
   * (`phoneNumberId`), the app secret checks each webhook's `X-Hub-Signature-256`, the verify
   * token answers Meta's subscription handshake (`GET /webhooks/whatsapp`). `invitationTemplate`:
   * the approved message template that invites a customer, in uk, ru and en; none, no WhatsApp invitations.
   */
  whatsapp: { accessToken: string; phoneNumberId: string; appSecret: string; verifyToken: string; apiUrl: string; invitationTemplate?: string } | null;
  /**
   * With an app id, activities are checked by their JWT; without one, only when
   * BOTFRAMEWORK_ANONYMOUS is true (the Bot Framework Emulator, local tests) is the channel on.
   * `serviceUrls`: origins replies may go to besides Microsoft's Bot Connector hosts.
   */
  botframework: ({ appId: string; appPassword: string } | { anonymous: true }) & { serviceUrls: string[] } | null;
}

/** Thrown when the environment is wrong; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const trueOrFalse = optionalText.pipe(z.enum(['true', 'false'], { message: 'must be true or false' }).optional());
/** A key or token an operator chooses: too short to resist guessing is refused. */
const optionalSecret = optionalText.refine((v) => v === undefined || v.length >= 24, {
  message: 'must be at least 24 characters long',
});

const url = (protocols: string[]) =>
  optionalText.refine(
    (v) => v === undefined || (URL.canParse(v) && protocols.includes(new URL(v).protocol)),
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

function wholeNumber(range: { min: number; max: number; fallback: number }) {
  return optionalText.transform((v, ctx) => {
    if (v === undefined) return range.fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: 'must be a whole number' });
    else if (n < range.min || n > range.max) {
      ctx.addIssue({ code: 'custom', message: `must be between ${range.min} and ${range.max}` });
    }
    return n;
  });
}

const schema = z.object({
  PORT: wholeNumber({ min: 1, max: 65535, fallback: 3000 }),
  PUBLIC_URL: url(['http:', 'https:']),
  // Unset: uk, or the first of SUPPORTED_LOCALES when the installation does not speak uk.
  DEFAULT_LOCALE: optionalText.pipe(z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` }).optional()),
  SUPPORTED_LOCALES: optionalText.transform((v, ctx) => {
    const locales = [...new Set((v ?? LOCALES.join(',')).split(',').map((l) => l.trim().toLowerCase()).filter(Boolean))];
    if (locales.length === 0 || !locales.every(isLocale)) {
      ctx.addIssue({ code: 'custom', message: `must be one or more of ${LOCALES.join(', ')}, separated by commas` });
      return z.NEVER;
    }
    return locales;
  }),
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    }).default('info'),
  ),
  DATA_DIR: optionalText.transform((v) => v ?? './data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: wholeNumber({ min: 1, max: 500, fallback: 10 }),
  // Unset: two connections fewer than the pool, left for the outbox and the queue's worker.
  WEBHOOK_INLINE_STEPS: wholeNumber({ min: 0, max: 500, fallback: -1 }),
  INBOUND_WORKER: trueOrFalse,
  ADMIN_API_KEY: optionalSecret,
  METRICS_TOKEN: optionalSecret,
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http:', 'https:']),
  OTEL_SERVICE_NAME: optionalText,
  PII_ENCRYPTION_KEY: optionalText.transform((v, ctx) => {
    if (v === undefined) return undefined;
    const key = piiKeyOf(v);
    if (!key) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, written as 64 hex digits or in base64' });
      return z.NEVER;
    }
    return key;
  }),
  PII_ENCRYPTION_KEYS_PREVIOUS: optionalText.transform((v, ctx) => {
    const keys = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean).map(piiKeyOf);
    if (keys.some((k) => !k)) {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated keys of 32 bytes each, written as 64 hex digits or in base64' });
      return z.NEVER;
    }
    return keys as Buffer[];
  }),
  PII_RETENTION_DAYS: optionalText.transform((v, ctx) => {
    if (v === undefined || v === 'off') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 36_500) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of days between 1 and 36500, or off' });
      return z.NEVER;
    }
    return n;
  }),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
    message: 'must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram refuses others)',
  }),
  TELEGRAM_API_ROOT: url(['http:', 'https:']),
  // Unset: webhook when PUBLIC_URL says where Telegram can post, polling otherwise.
  TELEGRAM_MODE: optionalText.pipe(z.enum(['webhook', 'polling'], { message: 'must be webhook or polling' }).optional()),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || /^xapp-\S+$/.test(v), { message: 'must be an app-level token (xapp-...)' }),
  SLACK_ESCALATION_CHANNEL: optionalText,
  SLACK_SUPERVISOR_GROUP: optionalText.refine((v) => v === undefined || /^S[A-Z0-9]{2,}$/.test(v), {
    message: 'must be a Slack user group id (S followed by capital letters and digits)',
  }),
  SLACK_API_URL: url(['http:', 'https:']),
  VIBER_AUTH_TOKEN: optionalText,
  VIBER_API_URL: url(['http:', 'https:']),
  VIBER_SENDER_NAME: optionalText.refine((v) => v === undefined || v.length <= 28, { message: 'must be at most 28 characters (Viber\'s limit)' }),
  MESSENGER_PAGE_ACCESS_TOKEN: optionalText,
  MESSENGER_APP_SECRET: optionalText,
  MESSENGER_VERIFY_TOKEN: optionalText,
  MESSENGER_API_URL: url(['http:', 'https:']),
  WHATSAPP_ACCESS_TOKEN: optionalText,
  WHATSAPP_PHONE_NUMBER_ID: optionalText.refine((v) => v === undefined || /^\d{1,30}$/.test(v), { message: 'must be the digits of the phone number id Meta shows (not the phone number)' }),
  WHATSAPP_APP_SECRET: optionalText,
  WHATSAPP_VERIFY_TOKEN: optionalText,
  WHATSAPP_INVITATION_TEMPLATE: optionalText.refine((v) => v === undefined || /^[a-z0-9_]{1,512}$/.test(v), { message: "must be a template's name: lower-case letters, digits and underscores" }),
  WHATSAPP_API_URL: url(['http:', 'https:']),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  BOTFRAMEWORK_ANONYMOUS: trueOrFalse,
  BOTFRAMEWORK_SERVICE_URLS: optionalText.transform((v, ctx) => {
    const origins = (v ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    const parsed = origins.map(originOf);
    if (parsed.some((o) => o === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'must be comma-separated origins such as http://127.0.0.1:3978 or http://localhost:* (scheme, host and port or *; no path or user name)' });
      return z.NEVER;
    }
    return parsed as string[];
  }),
  API_RATE_LIMIT_PER_MINUTE: wholeNumber({ min: 0, max: 1_000_000, fallback: 600 }),
  API_CHECK_RESPONSES: trueOrFalse,
  CHAT_SESSION_RATE_LIMIT_PER_MINUTE: wholeNumber({ min: 0, max: 1_000_000, fallback: 30 }),
  HTTP_REQUEST_TIMEOUT_SECONDS: wholeNumber({ min: 1, max: 3_600, fallback: 30 }),
  HTTP_IMPORT_TIMEOUT_SECONDS: wholeNumber({ min: 1, max: 86_400, fallback: 1_800 }),
  HTTP_HEADERS_TIMEOUT_SECONDS: wholeNumber({ min: 1, max: 600, fallback: 15 }),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: wholeNumber({ min: 1, max: 3_600, fallback: 5 }),
  // Above the web chat's 25-second heartbeat, so a quiet event stream stays open.
  HTTP_IDLE_TIMEOUT_SECONDS: wholeNumber({ min: 30, max: 86_400, fallback: 120 }),
  // Unset: under the usual 1,024 descriptors, leaving room for the pool, logs and files
  // (the embedded database keeps ~200-400 of its own table files open).
  HTTP_MAX_CONNECTIONS: wholeNumber({ min: 10, max: 1_000_000, fallback: -1 }),
  // At most 10: the whole shutdown has 15 seconds.
  SHUTDOWN_DELAY_SECONDS: wholeNumber({ min: 0, max: 10, fallback: 0 }),
  CHAT_INPUT_RATE_LIMIT_PER_MINUTE: wholeNumber({ min: 0, max: 1_000_000, fallback: 20 }),
  CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE: wholeNumber({ min: 0, max: 1_000_000, fallback: 120 }),
  CHAT_STREAMS_PER_SESSION: wholeNumber({ min: 0, max: 1_000, fallback: 3 }),
  CHAT_STREAMS_PER_ADDRESS: wholeNumber({ min: 0, max: 100_000, fallback: 10 }),
  LIVE_STREAMS_PER_PERSON: wholeNumber({ min: 0, max: 1_000, fallback: 8 }),
  LIVE_STREAMS_PER_PROCESS: wholeNumber({ min: 1, max: 1_000_000, fallback: 200 }),
  ANONYMOUS_CHANNELS: optionalText.transform((v) => (v ?? 'web').split(',').map((c) => c.trim()).filter(Boolean)),
  ANONYMOUS_INCIDENTS_PER_WINDOW: wholeNumber({ min: 0, max: 1_000_000, fallback: 10 }),
  ANONYMOUS_INCIDENTS_WINDOW_MINUTES: wholeNumber({ min: 1, max: 10_080, fallback: 10 }),
  INCIDENT_DIGEST_EVERY_MINUTES: wholeNumber({ min: 1, max: 1_440, fallback: 10 }),
  SLA_HERE_MENTIONS_PER_WINDOW: wholeNumber({ min: 0, max: 1_000_000, fallback: 3 }),
  SLA_HERE_WINDOW_MINUTES: wholeNumber({ min: 1, max: 10_080, fallback: 60 }),
  SESSION_IDLE_HOURS: wholeNumber({ min: 1, max: 720, fallback: 12 }),
  SESSION_MAX_DAYS: wholeNumber({ min: 1, max: 365, fallback: 7 }),
  LOGIN_FAILURES_PER_ACCOUNT: wholeNumber({ min: 0, max: 10_000, fallback: 10 }),
  LOGIN_FAILURES_PER_ADDRESS: wholeNumber({ min: 0, max: 1_000_000, fallback: 30 }),
  LOGIN_THROTTLE_MINUTES: wholeNumber({ min: 1, max: 1_440, fallback: 15 }),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: optionalText.refine((v) => v === undefined || /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(v), {
    message: 'must be an e-mail address, alone or as Name <address>',
  }),
  // Unset: the provider whose credentials are set (sms-config.ts).
  SMS_PROVIDER: optionalText.pipe(z.enum(['twilio', 'turbosms'], { message: 'must be twilio or turbosms' }).optional()),
  TWILIO_ACCOUNT_SID: optionalText.refine((v) => v === undefined || /^AC[0-9a-fA-F]{32}$/.test(v), {
    message: 'must be a Twilio account SID (AC followed by 32 hex digits)',
  }),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM: optionalText.refine((v) => v === undefined || /^\+[1-9]\d{6,14}$|^MG[0-9a-fA-F]{32}$|^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(v), {
    message: 'must be a phone number in E.164 (+380...), a Messaging Service SID (MG...) or an alphanumeric sender ID of at most 11 characters',
  }),
  TWILIO_API_URL: url(['http:', 'https:']),
  TURBOSMS_TOKEN: optionalText,
  TURBOSMS_SENDER: optionalText,
  TURBOSMS_API_URL: url(['http:', 'https:']),
  TURBOSMS_WEBHOOK_SECRET: optionalText,
  INVITATION_PRICES: invitationPricesSchema,
  INVITATION_CURRENCY: invitationCurrencySchema,
  OIDC_ISSUER_URL: url(['https:', 'http:']),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_AUTO_PROVISION_ROLE: optionalText.pipe(z.enum(['admin', 'supervisor', 'viewer'], { message: 'must be admin, supervisor or viewer' }).optional()),
  TRUST_PROXY: optionalText.transform((v, ctx) => {
    if (v === undefined || v === 'false') return false;
    if (v === 'true') return true;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    if (v.split(',').every((part) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(part.trim()))) return v;
    ctx.addIssue({ code: 'custom', message: 'must be false, true, a number of proxies, or proxy addresses/subnets separated by commas' });
    return z.NEVER;
  }),
});

type Env = z.infer<typeof schema>;

/** Every environment variable the config reads, in order: `.env.example` is generated from it. */
export const ENV_SCHEMA = schema;

/** Credentials that only make sense together: [variable, the one it needs]. */
const REQUIRED_PAIRS: [keyof Env, keyof Env][] = [
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
  ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
  ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
  ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'],
  ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_ID'],
  ['PII_ENCRYPTION_KEYS_PREVIOUS', 'PII_ENCRYPTION_KEY'],
  ['SMTP_URL', 'MAIL_FROM'],
  ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID'],
  ['WHATSAPP_INVITATION_TEMPLATE', 'WHATSAPP_ACCESS_TOKEN'],
  ['OIDC_ISSUER_URL', 'OIDC_CLIENT_SECRET'],
  ['OIDC_CLIENT_ID', 'OIDC_ISSUER_URL'],
  ['OIDC_CLIENT_SECRET', 'OIDC_ISSUER_URL'],
  ['OIDC_AUTO_PROVISION_ROLE', 'OIDC_ISSUER_URL'],
  // Prices mean nothing without their currency.
  ['INVITATION_PRICES', 'INVITATION_CURRENCY'],
];

/** Meta's Graph API with the version Messenger and WhatsApp are written against. */
const GRAPH_API_URL = 'https://graph.facebook.com/v21.0';

/** Credentials that turn a channel on only all together: a part of them names what is missing. */
const REQUIRED_TOGETHER: (keyof Env)[][] = [
  ['MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'],
  ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
];

/** `MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN are required when MESSENGER_PAGE_ACCESS_TOKEN is set`, one line per group. */
function togetherProblems(isSet: (name: string) => boolean): string[] {
  const and = (names: string[]) => names.join(' and ');
  return REQUIRED_TOGETHER.flatMap((group) => {
    const set = group.filter(isSet);
    const missing = group.filter((name) => !isSet(name));
    if (set.length === 0 || missing.length === 0) return [];
    return [`${and(missing)} ${missing.length > 1 ? 'are' : 'is'} required when ${and(set)} ${set.length > 1 ? 'are' : 'is'} set`];
  });
}

/**
 * Parses the environment; throws a ConfigError naming every wrong variable.
 * Never reads `process.env` itself, so tests pass the environment they mean.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const got = env[name];
        const shown = got === undefined || isSecret(name) ? '' : ` (got "${got}")`;
        return `${name} ${issue.message}${shown}`;
      });
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  for (const [has, needs] of REQUIRED_PAIRS) {
    if (isSet(has) && !isSet(needs)) problems.push(`${needs} is required when ${has} is set`);
  }
  problems.push(...togetherProblems(isSet));
  problems.push(...telegramProblems(env, isSet));
  problems.push(...smsProblems(env, isSet));
  const chosen = parsed.success ? parsed.data.DEFAULT_LOCALE : undefined;
  if (parsed.success && chosen && !parsed.data.SUPPORTED_LOCALES.includes(chosen)) {
    problems.push(`DEFAULT_LOCALE must be one of SUPPORTED_LOCALES (got DEFAULT_LOCALE "${chosen}", SUPPORTED_LOCALES "${parsed.data.SUPPORTED_LOCALES.join(',')}")`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  return {
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    defaultLocale: e.DEFAULT_LOCALE ?? (e.SUPPORTED_LOCALES.includes('uk') ? 'uk' : e.SUPPORTED_LOCALES[0]),
    supportedLocales: e.SUPPORTED_LOCALES,
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    webhookInlineSteps: e.WEBHOOK_INLINE_STEPS >= 0 ? e.WEBHOOK_INLINE_STEPS : Math.max(1, e.DATABASE_POOL_SIZE - 2),
    inboundWorker: e.INBOUND_WORKER !== 'false',
    adminApiKey: e.ADMIN_API_KEY,
    metricsToken: e.METRICS_TOKEN,
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME ?? null } : null,
    piiEncryptionKey: e.PII_ENCRYPTION_KEY,
    piiPreviousKeys: e.PII_ENCRYPTION_KEYS_PREVIOUS,
    piiRetentionDays: e.PII_RETENTION_DAYS,
    channels: {
      telegram: telegramOf(e),
      slack:
        e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
          ? {
              botToken: e.SLACK_BOT_TOKEN,
              signingSecret: e.SLACK_SIGNING_SECRET,
              appToken: e.SLACK_APP_TOKEN,
              escalationChannel: e.SLACK_ESCALATION_CHANNEL,
              supervisorGroup: e.SLACK_SUPERVISOR_GROUP,
              apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/',
            }
          : null,
      viber: e.VIBER_AUTH_TOKEN
        ? { authToken: e.VIBER_AUTH_TOKEN, apiUrl: e.VIBER_API_URL ?? 'https://chatapi.viber.com/pa/', senderName: e.VIBER_SENDER_NAME ?? 'Turbota' }
        : null,
      messenger:
        e.MESSENGER_PAGE_ACCESS_TOKEN && e.MESSENGER_APP_SECRET && e.MESSENGER_VERIFY_TOKEN
          ? {
              pageAccessToken: e.MESSENGER_PAGE_ACCESS_TOKEN,
              appSecret: e.MESSENGER_APP_SECRET,
              verifyToken: e.MESSENGER_VERIFY_TOKEN,
              apiUrl: (e.MESSENGER_API_URL ?? GRAPH_API_URL).replace(/\/+$/, ''),
            }
          : null,
      whatsapp:
        e.WHATSAPP_ACCESS_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID && e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN
          ? {
              accessToken: e.WHATSAPP_ACCESS_TOKEN,
              phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
              appSecret: e.WHATSAPP_APP_SECRET,
              verifyToken: e.WHATSAPP_VERIFY_TOKEN,
              apiUrl: (e.WHATSAPP_API_URL ?? GRAPH_API_URL).replace(/\/+$/, ''),
              ...(e.WHATSAPP_INVITATION_TEMPLATE ? { invitationTemplate: e.WHATSAPP_INVITATION_TEMPLATE } : {}),
            }
          : null,
      botframework:
        e.MICROSOFT_APP_ID && e.MICROSOFT_APP_PASSWORD
          ? { appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, serviceUrls: e.BOTFRAMEWORK_SERVICE_URLS }
          : e.BOTFRAMEWORK_ANONYMOUS === 'true'
            ? { anonymous: true, serviceUrls: e.BOTFRAMEWORK_SERVICE_URLS }
            : null,
    },
    http: {
      apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
      checkResponses: e.API_CHECK_RESPONSES === 'true',
      chatSessionRateLimitPerMinute: e.CHAT_SESSION_RATE_LIMIT_PER_MINUTE,
      trustProxy: e.TRUST_PROXY,
      requestTimeoutSeconds: e.HTTP_REQUEST_TIMEOUT_SECONDS,
      importTimeoutSeconds: e.HTTP_IMPORT_TIMEOUT_SECONDS,
      headersTimeoutSeconds: e.HTTP_HEADERS_TIMEOUT_SECONDS,
      keepAliveTimeoutSeconds: e.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS,
      idleTimeoutSeconds: e.HTTP_IDLE_TIMEOUT_SECONDS,
      maxConnections: e.HTTP_MAX_CONNECTIONS > 0 ? e.HTTP_MAX_CONNECTIONS : e.DATABASE_URL ? 800 : 500,
      shutdownDelaySeconds: e.SHUTDOWN_DELAY_SECONDS,
    },
    chatLimits: {
      inputsPerSessionPerMinute: e.CHAT_INPUT_RATE_LIMIT_PER_MINUTE,
      inputsPerAddressPerMinute: e.CHAT_INPUT_ADDRESS_RATE_LIMIT_PER_MINUTE,
      streamsPerSession: e.CHAT_STREAMS_PER_SESSION,
      streamsPerAddress: e.CHAT_STREAMS_PER_ADDRESS,
    },
    live: {
      streamsPerHolder: e.LIVE_STREAMS_PER_PERSON,
      streamsPerProcess: e.LIVE_STREAMS_PER_PROCESS,
    },
    supervisorNotices: {
      anonymousChannels: e.ANONYMOUS_CHANNELS,
      anonymousIncidentsPerWindow: e.ANONYMOUS_INCIDENTS_PER_WINDOW,
      anonymousWindowMinutes: e.ANONYMOUS_INCIDENTS_WINDOW_MINUTES,
      digestEveryMinutes: e.INCIDENT_DIGEST_EVERY_MINUTES,
      hereMentionsPerWindow: e.SLA_HERE_MENTIONS_PER_WINDOW,
      hereWindowMinutes: e.SLA_HERE_WINDOW_MINUTES,
    },
    signIn: {
      sessionIdleHours: e.SESSION_IDLE_HOURS,
      sessionMaxDays: e.SESSION_MAX_DAYS,
      failuresPerAccount: e.LOGIN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: e.LOGIN_FAILURES_PER_ADDRESS,
      throttleWindowMinutes: e.LOGIN_THROTTLE_MINUTES,
    },
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    sms: smsOf(e),
    invitationPrices: invitationPricesOf(e),
    oidc:
      e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuerUrl: e.OIDC_ISSUER_URL, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, autoProvisionRole: e.OIDC_AUTO_PROVISION_ROLE ?? null }
        : null,
  };
}

/** The Telegram mode the environment asks for: TELEGRAM_MODE, else webhook exactly when PUBLIC_URL is set. */
function telegramModeOf(mode: string | undefined, publicUrlSet: boolean): string {
  return mode?.trim() || (publicUrlSet ? 'webhook' : 'polling');
}

/** A webhook needs its secret; polling needs none. Read from the raw environment, so it is said beside every other problem. */
function telegramProblems(env: Record<string, string | undefined>, isSet: (name: string) => boolean): string[] {
  if (!isSet('TELEGRAM_BOT_TOKEN') || isSet('TELEGRAM_WEBHOOK_SECRET') || telegramModeOf(env.TELEGRAM_MODE, isSet('PUBLIC_URL')) !== 'webhook') return [];
  return [
    isSet('TELEGRAM_MODE')
      ? 'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook (or set TELEGRAM_MODE=polling to fetch updates without a webhook)'
      : 'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_BOT_TOKEN is set with PUBLIC_URL (webhook mode; or set TELEGRAM_MODE=polling)',
  ];
}

function telegramOf(e: Env): TelegramConfig | null {
  if (!e.TELEGRAM_BOT_TOKEN) return null;
  const common = { botToken: e.TELEGRAM_BOT_TOKEN, apiRoot: e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org' };
  if (telegramModeOf(e.TELEGRAM_MODE, e.PUBLIC_URL !== undefined) === 'polling') return { ...common, mode: 'polling' };
  // telegramProblems has refused a webhook without its secret.
  return e.TELEGRAM_WEBHOOK_SECRET ? { ...common, mode: 'webhook', webhookSecret: e.TELEGRAM_WEBHOOK_SECRET } : null;
}

/** A 32-byte key written as 64 hex digits or in base64; undefined when it is neither. */
function piiKeyOf(text: string): Buffer | undefined {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}

/**
 * An http(s) origin alone (scheme, host and port, without a path, query or user name), normalised;
 * `:*` for any port (the Bot Framework Emulator picks a new one each time it starts).
 */
function originOf(text: string): string | undefined {
  const anyPort = /:\*\/?$/.test(text);
  const candidate = anyPort ? text.replace(/:\*(\/?)$/, ':1$1') : text;
  if (!URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  const host = /^[\w.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname);
  const bare = host && ['http:', 'https:'].includes(url.protocol) && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  if (!bare) return undefined;
  return anyPort ? `${url.protocol}//${url.hostname}:*` : url.origin;
}

function isSecret(name: string): boolean {
  return /KEY|TOKEN|SECRET|PASSWORD|DATABASE_URL|SMTP_URL/.test(name);
}
