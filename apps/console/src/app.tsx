import { type ReactNode, useEffect } from 'react';
import type { Me } from './api/types';
import { Loading } from './components/alerts';
import { ApiErrorMessage } from './components/api-error';
import { useI18n, useTitle } from './i18n/i18n';
import { ForgotPage } from './pages/forgot-page';
import { IncidentPage } from './pages/incident/incident-page';
import { InvitePage } from './pages/invite-page';
import { LoginPage } from './pages/login-page';
import { MePage } from './pages/me/me-page';
import { ProblemPage } from './pages/problems/problem-page';
import { ProblemsPage } from './pages/problems/problems-page';
import { QueuePage } from './pages/queue/queue-page';
import { LazyReportsPage } from './pages/reports/lazy-reports-page';
import { ResetPage } from './pages/reset-page';
import { nextAfterSignIn } from './pages/safe-next';
import { SECTIONS } from './pages/settings/sections';
import { SettingsPage } from './pages/settings/settings-page';
import { SetupPage } from './pages/setup-page';
import { href, Link, navigate, type Route, routeOf, useLocation } from './router';
import { useSession } from './session/session';
import { PublicShell, Shell } from './shell/shell';

/** Goes elsewhere once shown (a redirect inside the console). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  const { t } = useI18n();
  useTitle(t('notFound.title'));
  return (
    <section className="card card--narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>
        <Link to={href('/')}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}

function Forbidden() {
  const { t } = useI18n();
  return <p className="message message--info">{t('error.forbidden')}</p>;
}

/** The pages one reaches before signing in; each is also open to someone signed in, but sign-in. */
function publicPage(route: Route): ReactNode | undefined {
  if (route.page === 'login') return <LoginPage />;
  if (route.page === 'forgot') return <ForgotPage />;
  if (route.page === 'setup') return <SetupPage token={route.token} />;
  if (route.page === 'invite') return <InvitePage token={route.token} />;
  if (route.page === 'reset') return <ResetPage token={route.token} />;
  return undefined;
}

function settingsPage({ section, rest }: { section: string; rest: string[] }, me: Me): ReactNode {
  if (me.role !== 'admin') return <Forbidden />;
  if (section === '' && SECTIONS.length) return <Redirect to={href(`/settings/${SECTIONS[0].path}`)} />;
  if (!SECTIONS.some(({ path }) => path === section)) return <NotFound />;
  return <SettingsPage section={section} rest={rest} />;
}

function signedInPage(route: Route, me: Me): ReactNode {
  if (route.page === 'queue') return <QueuePage />;
  if (route.page === 'incident') return <IncidentPage key={route.id} id={route.id} me={me} />;
  // People moved into the settings; links to the old address still lead there.
  if (route.page === 'people') return <Redirect to={href('/settings/people')} />;
  if (route.page === 'problems') return <ProblemsPage />;
  if (route.page === 'problem') return <ProblemPage key={route.id} id={route.id} me={me} />;
  if (route.page === 'reports') return <LazyReportsPage />;
  if (route.page === 'settings') return settingsPage(route, me);
  if (route.page === 'me') return me.kind === 'person' ? <MePage me={me} /> : <Forbidden />;
  return <NotFound />;
}

/** The page the address names, in the frame the session allows. */
export function App() {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const { pathname, search, searchParams } = useLocation();
  const route = routeOf(pathname);

  if (state.status === 'signedIn' && route.page === 'login') return <Redirect to={nextAfterSignIn(searchParams)} />;
  const open = publicPage(route);
  if (open) return <PublicShell>{open}</PublicShell>;
  if (state.status === 'loading') return <Loading label={t('app.loading')} />;
  if (state.status === 'unreachable') {
    return (
      <PublicShell>
        <ApiErrorMessage error={state.error} />
        <button type="button" className="button" onClick={() => void refresh()}>
          {t('app.retry')}
        </button>
      </PublicShell>
    );
  }
  if (state.status === 'signedOut') {
    if (route.page === 'notFound') return <PublicShell>{<NotFound />}</PublicShell>;
    const next = route.page === 'queue' && search === '' ? '' : `?${new URLSearchParams({ next: pathname + search }).toString()}`;
    return <Redirect to={`${href('/login')}${next}`} />;
  }
  return <Shell me={state.me}>{signedInPage(route, state.me)}</Shell>;
}
