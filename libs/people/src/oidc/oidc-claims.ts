/** Who the provider vouches for: an e-mail it has verified, and a name to show. */
export interface OidcIdentity {
  /** Lower-case, as people's e-mails are stored and compared. */
  email: string;
  displayName: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const NAME_MAX_LENGTH = 200;

/**
 * The identity the claims (of the ID token, or of the userinfo answer) vouch for, or null when
 * they carry no e-mail the provider has verified. Verified means `email_verified: true`
 * (Keycloak, Google, Slack); Microsoft Entra ID sends no `email_verified`, and there its optional
 * claim `xms_edov: true` (the e-mail's domain is verified by the person's own tenant) counts instead.
 * An explicit `email_verified: false` is never outweighed.
 */
export function verifiedIdentityOf(claims: Record<string, unknown>): OidcIdentity | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!EMAIL.test(email) || email.length > 254) return null;
  const verified = 'email_verified' in claims ? isTrue(claims.email_verified) : isTrue(claims.xms_edov);
  return verified ? { email, displayName: displayNameOf(claims, email) } : null;
}

// Some providers send booleans as strings.
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function displayNameOf(claims: Record<string, unknown>, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name = text(claims.name) || [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || email.split('@')[0];
  return name.slice(0, NAME_MAX_LENGTH);
}
