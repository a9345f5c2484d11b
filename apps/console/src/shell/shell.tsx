import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { SECTIONS } from '../pages/settings/sections';
import { href, Link, useLocation } from '../router';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';
import { LiveIndicator } from './live-indicator';
import { PersonMenu } from './person-menu';

function NavLink({ to, children, current }: { to: string; children: ReactNode; current: boolean }) {
  return (
    <Link to={to} className="nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The signed-in frame: product, navigation, language, the person; the page below. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const on = (section: string) => pathname === href(section) || pathname.startsWith(href(`${section}/`));
  const onIncidents = !['/problems', '/reports', '/settings', '/me'].some(on);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="top__inner">
          <Brand />
          <nav className="nav" aria-label={t('nav.label')}>
            <NavLink to={href('/')} current={onIncidents}>
              {t('nav.incidents')}
            </NavLink>
            <NavLink to={href('/problems')} current={on('/problems')}>
              {t('nav.problems')}
            </NavLink>
            <NavLink to={href('/reports')} current={on('/reports')}>
              {t('nav.reports')}
            </NavLink>
            {me.role === 'admin' && SECTIONS.length > 0 && (
              <NavLink to={href('/settings')} current={on('/settings')}>
                {t('nav.settings')}
              </NavLink>
            )}
          </nav>
          <LiveIndicator />
          <LanguageSwitch />
          <PersonMenu me={me} />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** The frame of the pages before signing in: product and language, and one card. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="top">
        <div className="top__inner top__inner--public">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="main main--narrow" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
