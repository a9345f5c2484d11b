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

/** A gear: on a phone it stands for the settings' name, which would not fit beside the other sections. */
function SettingsIcon() {
  return (
    <svg className="nav__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9 7 7M17 17l2.1 2.1M4.9 19.1 7 17M17 7l2.1-2.1" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
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
                <SettingsIcon />
                <span className="nav__text">{t('nav.settings')}</span>
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
