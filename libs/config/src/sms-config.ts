/** Twilio's Messages API account: `from` is a number (E.164), a Messaging Service SID (`MG…`) or an alphanumeric sender ID. */
export interface TwilioSmsConfig {
  provider: 'twilio';
  accountSid: string;
  authToken: string;
  from: string;
  apiUrl: string;
}

/**
 * TurboSMS's HTTP API account and its registered sender name. `webhookSecret`: the secret key
 * set beside the callback URL in TurboSMS's "Webhooks" panel; unset, delivery reports posted
 * to Turbota are refused and only polling (`message/status.json`) reads them.
 */
export interface TurboSmsConfig {
  provider: 'turbosms';
  token: string;
  sender: string;
  apiUrl: string;
  webhookSecret?: string;
}

/** The SMS provider invitations go through. */
export type SmsConfig = TwilioSmsConfig | TurboSmsConfig;

type SmsProviderName = SmsConfig['provider'];

/** The variables each provider needs, in the order they are named when missing. */
const REQUIRED: Record<SmsProviderName, string[]> = {
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'],
  turbosms: ['TURBOSMS_TOKEN', 'TURBOSMS_SENDER'],
};

/** The variables of the SMS settings, as the schema parsed them. */
export interface SmsEnv {
  SMS_PROVIDER?: SmsProviderName;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  TWILIO_API_URL?: string;
  TURBOSMS_TOKEN?: string;
  TURBOSMS_SENDER?: string;
  TURBOSMS_API_URL?: string;
  TURBOSMS_WEBHOOK_SECRET?: string;
}

/**
 * The provider the environment chooses: SMS_PROVIDER, else the one whose credentials are set
 * (any of them: a half-set provider is then named with what it lacks); undefined for none.
 */
function chosenProvider(env: Record<string, string | undefined>, isSet: (name: string) => boolean): SmsProviderName | 'both' | undefined {
  const named = env.SMS_PROVIDER?.trim();
  if (named === 'twilio' || named === 'turbosms') return named;
  if (named) return undefined; // the schema names a wrong value
  const started = (Object.keys(REQUIRED) as SmsProviderName[]).filter((p) => REQUIRED[p].some(isSet));
  return started.length === 2 ? 'both' : started[0];
}

/** What is missing for the SMS provider the environment asks for. Read from the raw environment, so it is said beside every other problem. */
export function smsProblems(env: Record<string, string | undefined>, isSet: (name: string) => boolean): string[] {
  const provider = chosenProvider(env, isSet);
  if (provider === undefined) return isSet('TURBOSMS_WEBHOOK_SECRET') ? ['TURBOSMS_TOKEN is required when TURBOSMS_WEBHOOK_SECRET is set'] : [];
  if (provider === 'both') return ['SMS_PROVIDER is required when both Twilio and TurboSMS credentials are set (twilio or turbosms)'];
  const why = isSet('SMS_PROVIDER') ? `SMS_PROVIDER is ${provider}` : `${REQUIRED[provider].find(isSet)} is set`;
  // The text carries a link to PUBLIC_URL/chat/s/<token>: without it there is nothing to open.
  const needed = [...REQUIRED[provider], 'PUBLIC_URL'];
  return needed.filter((name) => !isSet(name)).map((name) => `${name} is required when ${why}${name === 'PUBLIC_URL' ? ' (the text carries a link to the survey there)' : ''}`);
}

/** The chosen provider's settings; null when none is chosen. `smsProblems` has refused what is incomplete. */
export function smsOf(e: SmsEnv): SmsConfig | null {
  const twilio = e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM;
  const turbosms = e.TURBOSMS_TOKEN && e.TURBOSMS_SENDER;
  const provider = e.SMS_PROVIDER ?? (twilio ? 'twilio' : turbosms ? 'turbosms' : undefined);
  if (provider === 'twilio' && e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM) {
    return { provider, accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, apiUrl: e.TWILIO_API_URL ?? 'https://api.twilio.com' };
  }
  if (provider === 'turbosms' && e.TURBOSMS_TOKEN && e.TURBOSMS_SENDER) {
    return { provider, token: e.TURBOSMS_TOKEN, sender: e.TURBOSMS_SENDER, apiUrl: e.TURBOSMS_API_URL ?? 'https://api.turbosms.ua', webhookSecret: e.TURBOSMS_WEBHOOK_SECRET };
  }
  return null;
}
