import { loadConfig } from './app-config';
import { configProblemsOf as problemsOf } from '../../../tests/support/config-problems';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
// The texts carry a link to PUBLIC_URL.
const PUBLIC = { PUBLIC_URL: 'https://feedback.example.com' };
const TWILIO = { ...PUBLIC, TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 'twilio-secret-token', TWILIO_FROM: '+15005550006' };
const TURBOSMS = { ...PUBLIC, TURBOSMS_TOKEN: 'turbosms-secret-token', TURBOSMS_SENDER: 'Turbota' };

describe('SMS provider config', () => {
  it('is off with no SMS variables', () => {
    expect(loadConfig({}).sms).toBeNull();
  });

  it('picks the one provider whose credentials are set, with its default API', () => {
    expect(loadConfig(TWILIO).sms).toEqual({ provider: 'twilio', accountSid: SID, authToken: 'twilio-secret-token', from: '+15005550006', apiUrl: 'https://api.twilio.com' });
    expect(loadConfig(TURBOSMS).sms).toEqual({ provider: 'turbosms', token: 'turbosms-secret-token', sender: 'Turbota', apiUrl: 'https://api.turbosms.ua', webhookSecret: undefined });
  });

  it('takes SMS_PROVIDER, the API URLs and the TurboSMS webhook secret as given', () => {
    const env = { ...TWILIO, ...TURBOSMS, SMS_PROVIDER: 'turbosms', TURBOSMS_API_URL: 'http://127.0.0.1:4010', TURBOSMS_WEBHOOK_SECRET: 'panel-secret' };
    expect(loadConfig(env).sms).toEqual({ provider: 'turbosms', token: 'turbosms-secret-token', sender: 'Turbota', apiUrl: 'http://127.0.0.1:4010', webhookSecret: 'panel-secret' });
    expect(loadConfig({ ...env, SMS_PROVIDER: 'twilio', TWILIO_API_URL: 'http://127.0.0.1:4011' }).sms).toMatchObject({ provider: 'twilio', apiUrl: 'http://127.0.0.1:4011' });
    expect(loadConfig({ ...TWILIO, TWILIO_FROM: `MG${'a'.repeat(32)}` }).sms).toMatchObject({ from: `MG${'a'.repeat(32)}` });
    expect(loadConfig({ ...TWILIO, TWILIO_FROM: 'Turbota' }).sms).toMatchObject({ from: 'Turbota' });
  });

  it('names what a provider lacks, whether SMS_PROVIDER names it or a credential starts it', () => {
    expect(problemsOf({ ...PUBLIC, SMS_PROVIDER: 'twilio' })).toEqual([
      'TWILIO_ACCOUNT_SID is required when SMS_PROVIDER is twilio',
      'TWILIO_AUTH_TOKEN is required when SMS_PROVIDER is twilio',
      'TWILIO_FROM is required when SMS_PROVIDER is twilio',
    ]);
    expect(problemsOf({ ...PUBLIC, SMS_PROVIDER: 'turbosms', TURBOSMS_TOKEN: 'x' })).toEqual(['TURBOSMS_SENDER is required when SMS_PROVIDER is turbosms']);
    expect(problemsOf({ ...PUBLIC, TWILIO_ACCOUNT_SID: SID })).toEqual([
      'TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set',
      'TWILIO_FROM is required when TWILIO_ACCOUNT_SID is set',
    ]);
    expect(problemsOf({ ...PUBLIC, TURBOSMS_SENDER: 'Turbota' })).toEqual(['TURBOSMS_TOKEN is required when TURBOSMS_SENDER is set']);
    expect(problemsOf({ TURBOSMS_WEBHOOK_SECRET: 'panel-secret' })).toEqual(['TURBOSMS_TOKEN is required when TURBOSMS_WEBHOOK_SECRET is set']);
    expect(problemsOf({ ...TWILIO, PUBLIC_URL: '' })).toEqual(['PUBLIC_URL is required when TWILIO_ACCOUNT_SID is set (the text carries a link to the survey there)']);
  });

  it('asks which provider when both have credentials, and refuses unknown values without echoing secrets', () => {
    expect(problemsOf({ ...TWILIO, TURBOSMS_TOKEN: 'x' })).toEqual(['SMS_PROVIDER is required when both Twilio and TurboSMS credentials are set (twilio or turbosms)']);
    expect(problemsOf({ ...TWILIO, SMS_PROVIDER: 'nexmo' })).toEqual(['SMS_PROVIDER must be twilio or turbosms (got "nexmo")']);
    expect(problemsOf({ ...TWILIO, TWILIO_ACCOUNT_SID: 'AC123' })).toEqual(['TWILIO_ACCOUNT_SID must be a Twilio account SID (AC followed by 32 hex digits) (got "AC123")']);
    expect(problemsOf({ ...TWILIO, TWILIO_FROM: '0671234567' })[0]).toMatch(/^TWILIO_FROM must be a phone number in E.164/);
    const problems = problemsOf({ ...PUBLIC, SMS_PROVIDER: 'turbosms', TURBOSMS_TOKEN: 'turbosms-secret-token', TURBOSMS_API_URL: 'ftp://x' });
    expect(problems).toEqual(['TURBOSMS_API_URL must be a URL starting with http:// or https:// (got "ftp://x")', 'TURBOSMS_SENDER is required when SMS_PROVIDER is turbosms']);
    expect(problems.join('\n')).not.toContain('turbosms-secret-token');
  });
});
