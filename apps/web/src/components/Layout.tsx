import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { Role } from '../api';
import { useAuth } from '../auth';

const NAV: Record<Role, { to: string; key: string }[]> = {
  referrer: [
    { to: '/henvis', key: 'nav.refer' },
    { to: '/henvisninger', key: 'nav.myReferrals' },
  ],
  brobygger: [
    { to: '/borgere', key: 'nav.caseload' },
    { to: '/aftaler', key: 'nav.appointments' },
    { to: '/opfoelgninger', key: 'nav.followUps' },
  ],
  coordinator: [
    { to: '/overblik', key: 'nav.dashboard' },
    { to: '/opfoelgninger', key: 'nav.followUps' },
    { to: '/henvis', key: 'nav.refer' },
    { to: '/administration', key: 'nav.admin' },
    { to: '/statistik', key: 'nav.statistics' },
    { to: '/rapport', key: 'nav.report' },
  ],
};

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('app.language')}{' '}
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        <option value="da">Dansk</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

/** Header with the role's menu, the main landmark for the page. */
export function Layout() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        {me && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {NAV[me.role].map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.key)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="who">
          {me && (
            <span>
              {me.displayName} · {t(`roles.${me.role}`)}
            </span>
          )}
          <LanguagePicker />
          {me && (
            <button type="button" className="link" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error instanceof Error && error.message ? error.message : t('app.error')}
    </p>
  );
}
