import { smsProviderOf } from './sms-providers';
import { TurboSms } from './turbosms';
import { TwilioSms } from './twilio';

describe('smsProviderOf', () => {
  it('builds the provider the config chose, under the name of its webhook route', () => {
    const twilio = smsProviderOf({ provider: 'twilio', accountSid: `AC${'1'.repeat(32)}`, authToken: 't', from: '+15005550006', apiUrl: 'https://api.twilio.com' });
    expect(twilio).toBeInstanceOf(TwilioSms);
    expect(twilio?.name).toBe('twilio');
    const turbosms = smsProviderOf({ provider: 'turbosms', token: 't', sender: 'Turbota', apiUrl: 'https://api.turbosms.ua' });
    expect(turbosms).toBeInstanceOf(TurboSms);
    expect(turbosms?.name).toBe('turbosms');
  });

  it('is null when SMS is off', () => {
    expect(smsProviderOf(null)).toBeNull();
  });
});
