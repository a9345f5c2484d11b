import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { type Clock, CLOCK, type Locale } from '@turbota/common';
import { APP_CONFIG, type AppConfig } from '@turbota/config';
import { PersonEntity, type PersonRole, PersonSessionEntity } from '@turbota/persistence';
import { newSecretToken, tokenHash } from './secret-token';

/** Who a valid session cookie stands for. */
export interface SessionPerson {
  sessionId: string;
  personId: string;
  email: string;
  displayName: string;
  role: PersonRole;
  /** The language the person chose; null: none (the installation's default). */
  locale: Locale | null;
}

/** A new session: the token goes into the cookie (never stored), and when the session ends at the latest. */
export interface StartedSession {
  token: string;
  expiresAt: Date;
}

// The idle expiry moves forward at most this often per session, so reads stay reads.
const LAST_SEEN_RESOLUTION_MS = 60_000;
const HOUR_MS = 3_600_000;

/** People's sessions: started at sign-in, resolved on every request, ended by signing out or by an admin. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Starts a session for a person (in the caller's transaction when given) and notes the sign-in. */
  async start(personId: string, manager: EntityManager = this.dataSource.manager): Promise<StartedSession> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.signIn.sessionMaxDays * 24 * HOUR_MS);
    const token = newSecretToken();
    const sessions = manager.getRepository(PersonSessionEntity);
    // The person's ended sessions are of no more use: each sign-in sweeps them.
    await sessions.delete({ personId, revokedAt: Not(IsNull()) });
    await sessions.delete({ personId, idleExpiresAt: LessThanOrEqual(now) });
    await sessions.insert({ tokenHash: tokenHash(token), personId, createdAt: now, lastSeenAt: now, idleExpiresAt: this.idleExpiry(now, expiresAt), expiresAt, revokedAt: null });
    await manager.update(PersonEntity, { id: personId }, { lastSignInAt: now });
    return { token, expiresAt };
  }

  /**
   * The person a session token stands for, or null when the session is unknown, revoked or
   * expired, or its person is no longer active (a deactivation takes effect at once).
   */
  async resolve(token: string): Promise<SessionPerson | null> {
    const now = this.clock.now();
    const session = await this.dataSource.manager.findOne(PersonSessionEntity, { where: { tokenHash: tokenHash(token) }, relations: { person: true } });
    const person = session?.person;
    if (!session || !person || session.revokedAt || session.idleExpiresAt <= now || session.expiresAt <= now || person.status !== 'active') return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) await this.touch(session, now);
    return { sessionId: session.id, personId: person.id, email: person.email, displayName: person.displayName, role: person.role, locale: person.locale };
  }

  /** Ends one session (signing out). */
  async end(sessionId: string): Promise<void> {
    await this.dataSource.manager.update(PersonSessionEntity, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Ends every session of a person (signing out everywhere, a new password, a deactivation). */
  async endAll(personId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(PersonSessionEntity, { personId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private idleExpiry(now: Date, expiresAt: Date): Date {
    return new Date(Math.min(now.getTime() + this.config.signIn.sessionIdleHours * HOUR_MS, expiresAt.getTime()));
  }

  private async touch(session: PersonSessionEntity, now: Date): Promise<void> {
    // Guarded by the time read, so processes touching the same session at once write once.
    await this.dataSource.manager
      .update(PersonSessionEntity, { id: session.id, lastSeenAt: session.lastSeenAt }, { lastSeenAt: now, idleExpiresAt: this.idleExpiry(now, session.expiresAt) })
      .catch(() => undefined); // bookkeeping: a failed write leaves the session as it was, and the request goes on
  }
}
