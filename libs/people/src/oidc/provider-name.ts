// Issuers whose owners people know by name; any other (a company's Keycloak) is "single sign-on".
const KNOWN_ISSUERS: [RegExp, string][] = [
  [/^accounts\.google\.com$/, 'Google'],
  [/^login\.microsoftonline\.(com|us)$|\.ciamlogin\.com$/, 'Microsoft'],
  [/^slack\.com$/, 'Slack'],
];

/** The name the sign-in button gives the provider ("Sign in with Google"), or null for a generic one. */
export function providerNameOf(issuerUrl: string): string | null {
  const host = URL.canParse(issuerUrl) ? new URL(issuerUrl).hostname.toLowerCase() : '';
  return KNOWN_ISSUERS.find(([pattern]) => pattern.test(host))?.[1] ?? null;
}
