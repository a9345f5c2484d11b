import type { Middleware } from 'openapi-fetch';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { ApiError, ok } from '../api/errors';
import type { Me } from '../api/types';

/** Whether someone is signed in, as `GET /me` last said. */
export type SessionState = { status: 'loading' } | { status: 'signedOut' } | { status: 'unreachable'; error: ApiError } | { status: 'signedIn'; me: Me };

interface Session {
  state: SessionState;
  /** Asks the API again who is signed in. */
  refresh: () => Promise<void>;
  /** Takes the person a sign-in (or set-up, or accepted invitation) answered. */
  signedIn: (me: Me) => void;
  /** Ends this session, or every session of the person. */
  signOut: (everywhere: boolean) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

// The routes that answer 401 for a wrong password rather than for an ended session.
const SIGN_IN_ROUTES = '/api/v1/auth/';

/** Who is signed in, for every page; a 401 from any call means the session has ended. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      setState({ status: 'signedIn', me: await ok(api.GET('/api/v1/me')) });
    } catch (error) {
      const refused = error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404);
      setState(refused || !(error instanceof ApiError) ? { status: 'signedOut' } : { status: 'unreachable', error });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const ended: Middleware = {
      onResponse({ request, response }) {
        if (response.status === 401 && !new URL(request.url).pathname.startsWith(SIGN_IN_ROUTES)) setState({ status: 'signedOut' });
      },
    };
    api.use(ended);
    return () => api.eject(ended);
  }, [refresh]);

  const signedIn = useCallback((me: Me) => setState({ status: 'signedIn', me }), []);
  const signOut = useCallback(async (everywhere: boolean) => {
    await ok(api.POST(everywhere ? '/api/v1/auth/logout-all' : '/api/v1/auth/logout'));
    setState({ status: 'signedOut' });
  }, []);

  const value = useMemo(() => ({ state, refresh, signedIn, signOut }), [state, refresh, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session and what can be done with it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/** Who may act on incidents (the API's role matrix: supervisors and admins). */
export const mayWorkIncidents = (me: Me) => me.role === 'admin' || me.role === 'supervisor';
