import type { SmsConfig } from '@turbota/config';
import type { SmsProvider } from './sms-provider';
import { TurboSms } from './turbosms';
import { TwilioSms } from './twilio';

type Factories = { [P in SmsConfig['provider']]: (settings: Extract<SmsConfig, { provider: P }>) => SmsProvider };

/** The providers by the name SMS_PROVIDER gives: a new provider is one line here. */
const SMS_PROVIDERS: Factories = {
  twilio: (settings) => new TwilioSms(settings),
  turbosms: (settings) => new TurboSms(settings),
};

/** The provider the config chose; null when SMS is off (no provider has credentials). */
export function smsProviderOf(sms: SmsConfig | null): SmsProvider | null {
  if (!sms) return null;
  const create = SMS_PROVIDERS[sms.provider] as (settings: SmsConfig) => SmsProvider;
  return create(sms);
}
