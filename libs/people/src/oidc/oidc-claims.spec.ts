import { verifiedIdentityOf } from './oidc-claims';

describe('the identity a provider vouches for', () => {
  it('takes a verified e-mail in lower case, with the name the provider gives', () => {
    expect(verifiedIdentityOf({ sub: '1', email: ' Olena@Example.COM ', email_verified: true, name: 'Olena Koval' })).toEqual({ email: 'olena@example.com', displayName: 'Olena Koval' });
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@example.com', email_verified: 'true', given_name: 'Olena', family_name: 'Koval' })).toEqual({ email: 'olena@example.com', displayName: 'Olena Koval' });
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@example.com', email_verified: true })).toEqual({ email: 'olena@example.com', displayName: 'olena' });
  });

  it('refuses an e-mail that is unverified, missing or malformed', () => {
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@example.com', email_verified: false })).toBeNull();
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@example.com' })).toBeNull();
    expect(verifiedIdentityOf({ sub: '1', email_verified: true })).toBeNull();
    expect(verifiedIdentityOf({ sub: '1', email: 'not an e-mail', email_verified: true })).toBeNull();
  });

  it("takes Microsoft Entra ID's verified domain (xms_edov) where email_verified is missing, never over an explicit false", () => {
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@contoso.com', xms_edov: true, name: 'Olena' })).toEqual({ email: 'olena@contoso.com', displayName: 'Olena' });
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@contoso.com', xms_edov: false })).toBeNull();
    expect(verifiedIdentityOf({ sub: '1', email: 'olena@contoso.com', email_verified: false, xms_edov: true })).toBeNull();
  });
});
