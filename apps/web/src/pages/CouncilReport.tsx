import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, Area, CouncilReport, download, Page, ReportBreakdown, ReportChange, ReportCount, ReportDuration } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate, locale } from '../i18n';
import { useReasonLabel, queryKeys } from '../queries';

/** A protected count as the report shows it everywhere: the number, "< 5", or "(skjult)". */
export function countText(c: ReportCount, hidden: string, threshold = 5): string {
  if (!c.suppressed) return String(c.value);
  return c.reason === 'complementary' ? hidden : `< ${threshold}`;
}

const number = (x: number | null) => (x === null ? '–' : x.toLocaleString(locale(), { maximumFractionDigits: 1 }));
const today = () => new Date().toLocaleDateString('en-CA');

/**
 * "Rapport til udvalget": the council report for a period and an area — the same
 * figures, protected by the same rule, as the CSV and PDF it downloads — and the method.
 */
export function CouncilReportPage() {
  const { t, i18n } = useTranslation();
  const reasonLabel = useReasonLabel();
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today());
  const [areaId, setAreaId] = useState('');
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: () => api<Page<Area>>('GET', '/v1/areas') });
  const query = `from=${from}&to=${to}${areaId ? `&areaId=${areaId}` : ''}`;
  const report = useQuery({
    queryKey: queryKeys.councilReport(query),
    queryFn: () => api<CouncilReport>('GET', `/v1/reports/council?${query}`),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
  });
  const fetchFile = (format: 'csv' | 'pdf') => {
    setDownloadError(null);
    download(`/v1/reports/council?${query}&format=${format}`, `udvalgsrapport-${from}-${to}.${format}`).catch(setDownloadError);
  };
  const r = report.data;
  const month = (key: string) =>
    new Date(`${key}-01T12:00:00Z`).toLocaleDateString(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const label = (section: string, key: string, fallback: string) => {
    if (section === 'reason') return reasonLabel(key);
    if (section === 'month') return month(key);
    if (section === 'area') return key === 'none' ? t('report.noArea') : fallback;
    if (section === 'outcome') return t(`report.outcomes.${key}`, { defaultValue: t(`outcome.${key}`, { defaultValue: fallback }) });
    return t(`report.rows.${section}.${key}`, { defaultValue: fallback });
  };

  return (
    <section>
      <h1>{t('report.title')}</h1>
      <p className="notice">{t('report.intro')}</p>
      <form className="grid3" onSubmit={(e) => e.preventDefault()} aria-label={t('report.choose')}>
        <div>
          <label htmlFor="report-from">{t('report.from')}</label>
          <input id="report-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="report-to">{t('report.to')}</label>
          <input id="report-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div>
          <label htmlFor="report-area">{t('report.area')}</label>
          <select id="report-area" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            <option value="">{t('report.allAreas')}</option>
            {areas.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="buttons wrap">
        <button type="button" onClick={() => fetchFile('csv')}>
          {t('report.csv')}
        </button>
        <button type="button" onClick={() => fetchFile('pdf')}>
          {t('report.pdf')}
        </button>
      </div>
      <ErrorText error={downloadError} />
      {report.isPending && report.fetchStatus !== 'idle' && <Loading />}
      <ErrorText error={report.error} />
      {r && (
        <>
          <p>
            {r.municipality} · {formatDate(r.period.from)} – {formatDate(r.period.to)} · {r.area?.name ?? t('report.allAreas')}
          </p>
          <p>
            {t('report.citizens')}: <strong data-testid="report-citizens">{countText(r.citizens, t('report.hidden'), r.threshold)}</strong>
          </p>
          <div className="columns">
            <BreakdownTable
              id="source"
              title={t('report.bySource')}
              b={r.referrals.bySource}
              label={(k, f) => label('source', k, f)}
              chart
            />
            <BreakdownTable
              id="reason"
              title={t('report.byReason')}
              b={r.referrals.byReason}
              label={(k, f) => label('reason', k, f)}
              note={t('report.reasonNote')}
            />
            <BreakdownTable id="area" title={t('report.byArea')} b={r.referrals.byArea} label={(k, f) => label('area', k, f)} />
            <BreakdownTable id="month" title={t('report.byMonth')} b={r.referrals.byMonth} label={(k, f) => label('month', k, f)} chart />
          </div>
          <h2>{t('report.time')}</h2>
          <DurationTable
            rows={[
              [t('report.firstContact'), r.time.toFirstContact],
              [t('report.firstConversation'), r.time.toFirstConversation],
            ]}
          />
          <div className="columns">
            <BreakdownTable
              id="bridged"
              title={t('report.bridged')}
              b={r.bridging.bridged}
              label={(k, f) => label('bridged', k, f)}
              note={t('report.bridgedNote')}
            />
            <BreakdownTable
              id="continuing"
              title={t('report.continuing')}
              b={r.bridging.continuingAt3Months}
              label={(k, f) => label('continuing', k, f)}
              note={t('report.continuingNote')}
            />
          </div>
          <h2>{t('report.wellbeing')}</h2>
          <p className="hint">{t('report.wellbeingNote')}</p>
          <ChangeTable
            rows={[
              [t('report.who5InCourse'), r.wellbeing.who5],
              [t('report.ucla3InCourse'), r.wellbeing.ucla3],
              [t('report.who5After', { months: 3 }), r.afterClosing.months3.who5],
              [t('report.ucla3After', { months: 3 }), r.afterClosing.months3.ucla3],
              [t('report.who5After', { months: 9 }), r.afterClosing.months9.who5],
              [t('report.ucla3After', { months: 9 }), r.afterClosing.months9.ucla3],
            ]}
          />
          <div className="columns">
            <BreakdownTable
              id="measured-3"
              title={t('report.measurements', { months: 3 })}
              b={r.afterClosing.months3.followUps}
              label={(k, f) => label('measurement', k, f)}
            />
            <BreakdownTable
              id="measured-9"
              title={t('report.measurements', { months: 9 })}
              b={r.afterClosing.months9.followUps}
              label={(k, f) => label('measurement', k, f)}
            />
            <BreakdownTable id="outcomes" title={t('report.outcomesTitle')} b={r.outcomes} label={(k, f) => label('outcome', k, f)} chart />
          </div>
          <section aria-labelledby="report-method" className="panel" data-testid="report-method">
            <h2 id="report-method">{t('report.method')}</h2>
            {(i18n.language === 'en' ? r.method.en : r.method.da).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </section>
        </>
      )}
    </section>
  );
}

function BreakdownTable({
  id,
  title,
  b,
  label,
  note,
  chart,
}: {
  id: string;
  title: string;
  b: ReportBreakdown;
  label: (key: string, fallback: string) => string;
  note?: string;
  chart?: boolean;
}) {
  const { t } = useTranslation();
  const data = b.rows.map((row) => ({ name: label(row.key, row.label), value: row.count.value ?? 0 }));
  return (
    <figure data-testid={`report-${id}`}>
      <h3 id={`report-${id}-title`}>{title}</h3>
      {note && <p className="hint">{note}</p>}
      {chart && b.rows.some((row) => !row.count.suppressed && (row.count.value ?? 0) > 0) && (
        <div aria-hidden="true" style={{ width: '100%', height: 200 }}>
          <ResponsiveContainer>
            <BarChart data={data} layout="vertical" margin={{ left: 10, right: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Bar dataKey="value" name={t('report.count')} fill="#00529b" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <DataTable labelledBy={`report-${id}-title`} columns={[t('report.category'), t('report.count'), t('report.share')]}>
        {b.rows.map((row) => (
          <tr key={row.key} data-testid={`report-${id}-${row.key}`}>
            <th scope="row">{label(row.key, row.label)}</th>
            <td>{countText(row.count, t('report.hidden'))}</td>
            <td>{row.share === null ? '' : `${number(row.share)} %`}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('report.total')}</th>
          <td>{countText(b.total, t('report.hidden'))}</td>
          <td />
        </tr>
      </DataTable>
    </figure>
  );
}

function DurationTable({ rows }: { rows: [string, ReportDuration][] }) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('report.time')} columns={[t('report.measure'), t('report.citizens'), t('report.median'), t('report.p90')]}>
      {rows.map(([name, d]) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          <td>{countText(d.n, t('report.hidden'))}</td>
          <td>{number(d.medianWorkingDays)}</td>
          <td>{number(d.p90WorkingDays)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function ChangeTable({ rows }: { rows: [string, ReportChange][] }) {
  const { t } = useTranslation();
  return (
    // Wide on a phone: it scrolls sideways, and the region takes focus so the keyboard can scroll it too.
    <div className="scroll" tabIndex={0} role="region" aria-label={t('report.wellbeing')}>
      <DataTable
        caption={t('report.wellbeing')}
        columns={[t('report.measure'), t('report.citizens'), t('report.baseline'), t('report.later'), t('report.change'), t('report.ci')]}
      >
        {rows.map(([name, c]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{countText(c.n, t('report.hidden'))}</td>
            <td>{number(c.baselineMean)}</td>
            <td>{number(c.laterMean)}</td>
            <td>{c.meanChange === null ? '–' : `${c.meanChange > 0 ? '+' : ''}${number(c.meanChange)}`}</td>
            <td>{c.ci95 ? t('report.ciRange', { lower: number(c.ci95.lower), upper: number(c.ci95.upper) }) : '–'}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
