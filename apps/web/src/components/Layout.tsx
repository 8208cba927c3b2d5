import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavigationType, NavLink, Outlet, useLocation, useMatches, useNavigationType } from 'react-router';
import { Role } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../errors';
import { Bell } from './Bell';

const NAV: Record<Role, { to: string; key: string }[]> = {
  referrer: [
    { to: '/henvis', key: 'nav.refer' },
    { to: '/henvisninger', key: 'nav.myReferrals' },
  ],
  brobygger: [
    { to: '/borgere', key: 'nav.caseload' },
    { to: '/aftaler', key: 'nav.appointments' },
    { to: '/mine-opfoelgninger', key: 'nav.myFollowUps' },
  ],
  coordinator: [
    { to: '/overblik', key: 'nav.dashboard' },
    { to: '/sager', key: 'work.cases' },
    { to: '/opfoelgninger', key: 'nav.followUps' },
    { to: '/medcom-indbakke', key: 'nav.medcomInbox' },
    { to: '/henvis', key: 'nav.refer' },
    { to: '/administration', key: 'nav.admin' },
    { to: '/statistik', key: 'nav.statistics' },
    { to: '/rapport', key: 'nav.report' },
  ],
  gateway: [],
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

/** Whether the browser has a network; the app says so instead of failing one request at a time. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/**
 * Each page's own title in the tab ("Opfølgninger · Bro", from the route's
 * `handle.title`), and, after a navigation inside the app, focus on the new page's
 * heading, so a screen reader announces where the user now is (the first page load
 * keeps the browser's own focus). The heading may come after the page's data: it is
 * waited for, a few seconds at most.
 */
function usePageTitleAndFocus(mainRef: React.RefObject<HTMLElement | null>) {
  const { t, i18n } = useTranslation();
  const matches = useMatches();
  const location = useLocation();
  const navigationType = useNavigationType();
  const title = [...matches].reverse().find((m) => (m.handle as { title?: string } | undefined)?.title)?.handle as
    { title: string } | undefined;
  useEffect(() => {
    document.title = title ? `${t(title.title)} · ${t('app.name')}` : t('app.name');
  }, [title, t, i18n.language]);

  const first = useRef(true);
  useEffect(() => {
    // The first page, and a redirect (the start page sending a role to its list), keep
    // the browser's own focus: the user did not navigate, so the skip link comes first.
    if (first.current || navigationType === NavigationType.Replace) {
      first.current = false;
      return;
    }
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = () => {
      const h1 = main.querySelector('h1');
      if (!h1) return false;
      h1.setAttribute('tabindex', '-1');
      h1.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      if (!main.contains(document.activeElement)) main.focus();
    }, 5000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [location.pathname, mainRef, navigationType]);
}

/**
 * On a phone the tables reflow to one block per row and their header row is only there
 * for screen readers (styles.css); so each cell carries its column's name in
 * `data-label`, which the phone's CSS shows before the cell's content. One labeller for
 * every table under the layout, kept current as rows come and go and the language
 * changes. The explicit roles keep the table a table for assistive technology where a
 * browser drops the semantics of a table that is not displayed as one.
 */
export function labelTableCells(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const headerRow = table.querySelector('thead tr');
    if (!headerRow) continue;
    const headers: string[] = [];
    for (const th of headerRow.children) {
      const span = (th as HTMLTableCellElement).colSpan || 1;
      for (let i = 0; i < span; i++) headers.push(th.textContent?.trim() ?? '');
    }
    setAttr(table, 'role', 'table');
    for (const row of table.querySelectorAll('tr')) {
      setAttr(row, 'role', 'row');
      let column = 0;
      for (const cell of row.children) {
        const th = cell.tagName === 'TH';
        const inHead = row.parentElement?.tagName === 'THEAD';
        setAttr(cell, 'role', th ? (inHead || cell.getAttribute('scope') === 'col' ? 'columnheader' : 'rowheader') : 'cell');
        const label = headers[column];
        if (!inHead && label) setAttr(cell, 'data-label', label);
        column += (cell as HTMLTableCellElement).colSpan || 1;
      }
    }
  }
}

function setAttr(el: Element, name: string, value: string) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function useTableCellLabels(mainRef: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    labelTableCells(main);
    // Attributes are not observed, so labelling does not wake the observer again.
    const observer = new MutationObserver(() => labelTableCells(main));
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [mainRef]);
}

/**
 * Header with the role's menu, the main landmark for the page. On a phone the menu
 * folds behind a button (aria-expanded) and opens as a panel in the same blue, so it
 * never runs off the bar; it closes again on navigation.
 */
export function Layout() {
  const { t } = useTranslation();
  const { me, signOut } = useAuth();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  usePageTitleAndFocus(main);
  useTableCellLabels(main);
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className={`top${open ? ' open' : ''}`}>
        <span className="brand">{t('app.name')}</span>
        {me && <Bell />}
        <button type="button" className="menu-toggle" aria-expanded={open} aria-controls="top-menu" onClick={() => setOpen((o) => !o)}>
          {open ? t('shell.closeMenu') : t('shell.menu')}
        </button>
        <div id="top-menu" className="top-menu">
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
        </div>
      </header>
      {!online && (
        <p className="offline" role="status">
          {t('shell.offline')}
        </p>
      )}
      <main id="main" tabIndex={-1} ref={main}>
        <Suspense fallback={<Loading page />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

export function Loading({ page }: { page?: boolean }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {page ? t('shell.loadingPage') : t('app.loading')}
    </p>
  );
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {errorText(t, error)}
    </p>
  );
}
