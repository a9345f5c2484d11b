import { useEffect, useRef } from 'react';
import { LazyPage } from '../../components/lazy-page';
import { useI18n } from '../../i18n/i18n';
import { href, Link } from '../../router';
import { SECTIONS } from './sections';
import './settings.css';

/** The settings frame: the sections beside (above, on a phone) the one the address names. */
export function SettingsPage({ section, rest }: { section: string; rest: string[] }) {
  const { t } = useI18n();
  const current = SECTIONS.find((candidate) => candidate.path === section);
  const nav = useRef<HTMLElement>(null);
  // On a phone the sections are a row wider than the screen: the current one is brought into it.
  useEffect(() => {
    const bringCurrent = () => {
      const row = nav.current;
      const link = row?.querySelector<HTMLElement>('[aria-current="page"]');
      if (row && link && row.scrollWidth > row.clientWidth) row.scrollLeft = link.offsetLeft - (row.clientWidth - link.offsetWidth) / 2;
    };
    bringCurrent();
    // A window turned or resized to a phone's width makes the row afresh.
    window.addEventListener('resize', bringCurrent);
    return () => window.removeEventListener('resize', bringCurrent);
  }, [section]);
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label={t('settings.sections')} ref={nav}>
        <ul>
          {SECTIONS.map(({ path, title }) => (
            <li key={path}>
              <Link to={href(`/settings/${path}`)} className="settings__link" aria-current={path === current?.path ? 'page' : undefined}>
                {t(title)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__body">
        {current && (
          <LazyPage>
            <current.Page key={current.path} rest={rest} />
          </LazyPage>
        )}
      </div>
    </div>
  );
}
