import { useTranslation } from 'react-i18next';

export interface Caseload {
  id: string;
  name: string;
  active: number;
  capacity: number;
}

/**
 * Active cases against capacity per brobygger, as plain bars: the overview is the
 * coordinator's first screen, and a chart library would double its JavaScript. Each
 * row says its numbers in words, so the bars are decoration for the eye only.
 */
export function CaseloadBars({ caseload }: { caseload: Caseload[] }) {
  const { t } = useTranslation();
  if (caseload.length === 0) return <p>{t('dashboard.noBrobyggere')}</p>;
  return (
    <ul className="caseload" aria-label={t('dashboard.caseload')}>
      {caseload.map((c) => {
        const share = c.capacity > 0 ? Math.min(1, c.active / c.capacity) : 1;
        return (
          <li key={c.id}>
            <span className="caseload-name">{c.name}</span>
            <span className="caseload-bar" aria-hidden="true">
              <span className={share >= 1 ? 'full' : undefined} style={{ width: `${Math.round(share * 100)}%` }} />
            </span>
            <span className="caseload-count">{t('dashboard.ofCapacity', { active: c.active, capacity: c.capacity })}</span>
          </li>
        );
      })}
    </ul>
  );
}
