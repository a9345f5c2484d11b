import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Clock, CLOCK } from '@turbota/common';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '@turbota/config';
import { PersonEntity } from '@turbota/persistence';
import { PiiCipher } from '@turbota/privacy';
import { lockPeople } from '../first-admin.bootstrap';
import type { LinkBase } from '../people.service';
import { PersonTokens } from '../person-tokens';
import { personProfile } from '../person-view';
import { SessionService } from '../session.service';
import type { SignedIn } from '../sign-in.service';
import { SignInThrottle } from '../sign-in-throttle';
import { consolePathOf } from './console-path';
import type { OidcCallbackQuery } from './oidc-callback';
import { type OidcIdentity, verifiedIdentityOf } from './oidc-claims';
import { OidcSignInError } from './oidc.errors';
import { OIDC_FLOW_MINUTES, openFlow, sealFlow } from './oidc-flow';
import { OidcIssuer } from './oidc-issuer';
import { providerNameOf } from './provider-name';

/** Where a sign-in ends when it was started from no particular console page. */
const CONSOLE_HOME = '/console/';

/** The address the provider sends the browser back to, below PUBLIC_URL: register it at the provider. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

/** How people may sign in: with a password always, and with single sign-on when it is configured. */
export interface SignInMethods {
  /** null: single sign-on is off; `provider` names the button, or is null for a generic one. */
  singleSignOn: { provider: string | null } | null;
}

/** Where a sign-in starts from: the request's origin, and the console page to end on (`?next=`, checked here). */
export interface OidcStart extends LinkBase {
  next?: string;
}

/** A sign-in completed: the session, and the console page to send the browser to. */
export interface OidcSignedIn extends SignedIn {
  landing: string;
}

/** A sign-in just started: where the browser goes, and the sealed flow it must bring back. */
export interface OidcStarted {
  authorizationUrl: string;
  sealedFlow: string;
}

/**
 * Signing people in through the OpenID Connect provider. The provider's verified e-mail finds
 * the person, case aside: an invited person becomes active, a deactivated one is refused, and
 * an unknown e-mail gets an account only when OIDC_AUTO_PROVISION_ROLE names its role. The
 * session is the one a password sign-in makes. Refusals count against the client address.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('SingleSignOn');
  private readonly flowKeys: Buffer[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly issuer: OidcIssuer,
    private readonly sessions: SessionService,
    private readonly tokens: PersonTokens,
    private readonly throttle: SignInThrottle,
    cipher: PiiCipher,
  ) {
    this.flowKeys = cipher.derivedSecrets('single sign-on flow');
  }

  async methods(clientAddress: string): Promise<SignInMethods> {
    await this.throttle.checkAddress(clientAddress);
    const oidc = this.config.oidc;
    return { singleSignOn: oidc ? { provider: providerNameOf(oidc.issuerUrl) } : null };
  }

  /**
   * Starts a sign-in at the provider; the callback address is PUBLIC_URL's, or else the request's
   * origin's. A `next` that is a console page is sealed into the flow; any other is dropped.
   */
  async start(clientAddress: string, from: OidcStart): Promise<OidcStarted> {
    this.settings();
    await this.throttle.checkAddress(clientAddress);
    const redirectUri = `${this.config.publicUrl ?? from.requestOrigin}${OIDC_CALLBACK_PATH}`;
    const { authorizationUrl, ...checks } = await this.issuer.authorize(redirectUri);
    const expiresAt = this.clock.now().getTime() + OIDC_FLOW_MINUTES * 60_000;
    const next = consolePathOf(from.next);
    return { authorizationUrl, sealedFlow: sealFlow({ ...checks, redirectUri, expiresAt, ...(next ? { next } : {}) }, this.flowKeys[0]) };
  }

  /** Completes a sign-in with the provider's answer and the flow this browser sealed at its start. */
  async complete(callback: OidcCallbackQuery, request: { sealedFlow: string | undefined; clientAddress: string }): Promise<OidcSignedIn> {
    this.settings();
    await this.throttle.checkAddress(request.clientAddress);
    try {
      const flow = openFlow(request.sealedFlow, this.flowKeys, this.clock.now());
      if (!flow) throw new OidcSignInError('sso-failed', 'No sign-in is under way in this browser, or it took longer than the flow may last');
      const identity = verifiedIdentityOf(await this.issuer.claims(callbackUrl(flow.redirectUri, callback), flow));
      if (!identity) throw new OidcSignInError('email-unverified', 'The provider vouched for no verified e-mail');
      // Checked again where it is used: a redirect goes only to a console page.
      return { ...(await this.signInAs(identity)), landing: consolePathOf(flow.next) ?? CONSOLE_HOME };
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      const protocol = error.failure === 'sso-failed' || error.failure === 'sso-unavailable';
      this.logger[protocol ? 'warn' : 'log'](`A single sign-on was refused (${error.failure}): ${error.message}`);
      // An unreachable provider is not the caller's doing.
      if (error.failure !== 'sso-unavailable') await this.throttle.addressFailed(request.clientAddress);
      throw error;
    }
  }

  private async signInAs(identity: OidcIdentity): Promise<SignedIn> {
    return this.dataSource.transaction(async (tx) => {
      const found = await tx.findOne(PersonEntity, { where: { email: identity.email }, lock: { mode: 'pessimistic_write' } });
      const person = found ?? (await this.provision(tx, identity));
      if (person.status === 'deactivated') throw new OidcSignInError('deactivated', 'The person with this e-mail has been deactivated');
      if (person.status === 'invited') {
        person.status = 'active';
        await tx.update(PersonEntity, { id: person.id }, { status: 'active' });
        await this.tokens.withdraw(tx, person.id); // the invitation link has done its work
      }
      return { profile: personProfile(person), session: await this.sessions.start(person.id, tx) };
    });
  }

  /** An account for someone the provider vouches for, only with OIDC_AUTO_PROVISION_ROLE and after the first admin. */
  private async provision(tx: EntityManager, identity: OidcIdentity): Promise<PersonEntity> {
    const role = this.settings().autoProvisionRole;
    if (!role) throw new OidcSignInError('no-account', 'No invited or active person has this e-mail');
    // In turn with the first admin's setup and with other provisions of the same e-mail.
    await lockPeople(tx);
    if (!(await tx.exists(PersonEntity))) throw new OidcSignInError('setup-needed', 'The first admin is still to be created with the setup link');
    const meanwhile = await tx.findOne(PersonEntity, { where: { email: identity.email } });
    if (meanwhile) return meanwhile;
    const created = tx.create(PersonEntity, { ...identity, role, status: 'active', locale: null, passwordHash: null, slackUserId: null, lastSignInAt: null });
    return tx.save(PersonEntity, created);
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new OidcSignInError('sso-off', 'Single sign-on is not configured (OIDC_ISSUER_URL)');
    return this.config.oidc;
  }
}

/** The callback address as the provider called it, from the parameters openid-client reads. */
function callbackUrl(redirectUri: string, callback: OidcCallbackQuery): URL {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(callback)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}
