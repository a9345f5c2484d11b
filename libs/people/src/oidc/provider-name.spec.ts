import { providerNameOf } from './provider-name';

describe('the name on the single sign-on button', () => {
  it('names the providers people know, and leaves any other generic', () => {
    expect(providerNameOf('https://accounts.google.com')).toBe('Google');
    expect(providerNameOf('https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0')).toBe('Microsoft');
    expect(providerNameOf('https://slack.com')).toBe('Slack');
    expect(providerNameOf('https://sso.example.com/realms/staff')).toBeNull();
    expect(providerNameOf('https://slack.com.example.net')).toBeNull();
  });
});
