import { loadConfig } from './app-config';
import { configProblemsOf as problemsOf } from '../../../tests/support/config-problems';

describe('invitation prices', () => {
  it('are off unless set, and read as channel=price pairs in their currency', () => {
    expect(loadConfig({}).invitationPrices).toBeNull();
    expect(loadConfig({ INVITATION_PRICES: ' sms=0.85, email = 0.002 ,viber=0', INVITATION_CURRENCY: 'UAH' }).invitationPrices).toEqual({
      currency: 'UAH',
      perMessage: { sms: 0.85, email: 0.002, viber: 0 },
    });
  });

  it('name what is wrong: a pair that is none, a channel twice, a currency that is no code or is missing', () => {
    expect(problemsOf({ INVITATION_PRICES: 'sms:0.85', INVITATION_CURRENCY: 'UAH' })).toEqual([
      'INVITATION_PRICES must be channel=price pairs separated by commas, e.g. sms=0.85,email=0.002; "sms:0.85" is not one (got "sms:0.85")',
    ]);
    expect(problemsOf({ INVITATION_PRICES: 'sms=1,sms=2', INVITATION_CURRENCY: 'UAH' })).toEqual(['INVITATION_PRICES names sms twice (got "sms=1,sms=2")']);
    expect(problemsOf({ INVITATION_PRICES: 'sms=-1', INVITATION_CURRENCY: 'UAH' })[0]).toContain('"sms=-1" is not one');
    expect(problemsOf({ INVITATION_PRICES: 'sms=1', INVITATION_CURRENCY: 'hryvnia' })).toEqual(['INVITATION_CURRENCY must be an ISO 4217 currency code, e.g. UAH, EUR or USD (got "hryvnia")']);
    expect(problemsOf({ INVITATION_PRICES: 'sms=1' })).toEqual(['INVITATION_CURRENCY is required when INVITATION_PRICES is set']);
  });
});
