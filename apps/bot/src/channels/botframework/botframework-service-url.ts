import { lookup } from 'node:dns/promises';
import { isInternalAddress } from './private-address';

/** Hosts of Microsoft's Bot Connector service for Teams (public, GCC, GCC High, DoD). */
const MICROSOFT_HOSTS = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
/** Domains of the other Bot Framework channels (Web Chat, Direct Line, and their US Government cloud). */
const MICROSOFT_DOMAINS = ['.botframework.com', '.botframework.azure.us'];

/** Resolves a host name to its addresses; replaced in tests. */
export type HostLookup = (host: string) => Promise<string[]>;

const dnsLookup: HostLookup = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Which `serviceUrl`s Turbota writes to. An activity names the address its replies go to, and
 * without a JWT (anonymous mode) anyone may send one: so only Microsoft's Bot Connector hosts
 * over https are taken, plus the origins an operator configured (the Emulator, a test
 * connector). A Microsoft host that resolves to an internal address is refused as well.
 */
export class ServiceUrlPolicy {
  private readonly origins: Set<string>;

  /** `configuredOrigins` as the configuration normalised them: `http://host:port`, or `http://host:*` for any port. */
  constructor(configuredOrigins: readonly string[], private readonly resolve: HostLookup = dnsLookup) {
    this.origins = new Set(configuredOrigins);
  }

  /** Why this service URL is refused by its text alone; undefined when it is allowed. */
  refusalOf(serviceUrl: unknown): string | undefined {
    if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return 'serviceUrl is not a URL';
    const url = new URL(serviceUrl);
    if (url.username || url.password) return 'serviceUrl must not carry a user name or password';
    if (this.isConfigured(url)) return undefined;
    if (url.protocol !== 'https:' || url.port !== '' || !isMicrosoftHost(url.hostname)) {
      return 'serviceUrl is not a Bot Framework service address (https on a Microsoft Bot Connector host, or an origin in BOTFRAMEWORK_SERVICE_URLS)';
    }
    return undefined;
  }

  /** `refusalOf`, then, for a Microsoft host, whether any of its addresses is internal. */
  async refusalBeforeSending(serviceUrl: unknown): Promise<string | undefined> {
    const refusal = this.refusalOf(serviceUrl);
    if (refusal) return refusal;
    const url = new URL(serviceUrl as string);
    if (this.isConfigured(url)) return undefined;
    // A host that does not resolve fails in the send itself, as a temporary failure.
    const addresses = await this.resolve(url.hostname).catch(() => []);
    return addresses.some(isInternalAddress) ? 'serviceUrl resolves to an internal address' : undefined;
  }

  private isConfigured(url: URL): boolean {
    return this.origins.has(url.origin) || this.origins.has(`${url.protocol}//${url.hostname}:*`);
  }
}

function isMicrosoftHost(host: string): boolean {
  return MICROSOFT_HOSTS.has(host) || MICROSOFT_DOMAINS.some((domain) => host.endsWith(domain));
}
