import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { api, Statistics } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { useReasonLabel, queryKeys } from '../queries';
import { countText } from './CouncilReport';

/** A statistics count under the council report's rule: the number, "< 5", or "(skjult)". */
type Counted = { count: number | null; suppressed: boolean; suppression?: 'small' | 'complementary' };

const COLOURS = ['#00529b', '#a4161a', '#1e6b34', '#8a6d00', '#5f3dc4', '#0b7285', '#5f6b7a', '#c2255c'];

/** Statistics as charts, each with its numbers in text too (`GET /v1/statistics`). */
export function StatisticsPage() {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  const stats = useQuery({ queryKey: queryKeys.statistics, queryFn: () => api<Statistics>('GET', '/v1/statistics') });
  if (stats.isPending) return <Loading />;
  if (stats.error) return <ErrorText error={stats.error} />;
  const s = stats.data;
  const text = (c: Counted) =>
    countText({ value: c.count, suppressed: c.suppressed, reason: c.suppression }, t('report.hidden'), s.threshold);
  // A hidden count is no bar (drawn as 0 it would mislead); it is in the text beside the chart.
  const shown = (c: Counted) => !c.suppressed;
  const reasons = [...new Set(s.referralsPerMonth.filter(shown).map((r) => r.reason))];
  const months = [...new Set(s.referralsPerMonth.map((r) => r.month))].map((month) => ({
    month,
    ...Object.fromEntries(s.referralsPerMonth.filter((r) => r.month === month && shown(r)).map((r) => [reasonLabel(r.reason), r.count])),
  }));
  const outcomeName = (o: { outcome: string }) => t(`outcome.${o.outcome}`, { defaultValue: o.outcome });
  const outcomes = s.outcomes.filter(shown).map((o) => ({ name: outcomeName(o), [t('stats.cases')]: o.count }));
  const areas = s.referralsPerArea.filter(shown).map((a) => ({ name: a.areaName ?? '–', [t('stats.cases')]: a.count }));
  const hidden = (rows: (Counted & { label: string })[]) =>
    rows.some((r) => r.suppressed) && (
      <p className="hint">
        {t('stats.hiddenRows')}:{' '}
        {rows
          .filter((r) => r.suppressed)
          .map((r) => `${r.label} ${text(r)}`)
          .join('; ')}
      </p>
    );
  const few = (x: { cases: number | null; suppressed: boolean }) => (x.suppressed ? `< ${s.threshold}` : String(x.cases));
  return (
    <section>
      <h1>{t('stats.title')}</h1>
      <p className="notice">
        {t('stats.consentNote')} {t('stats.suppressionNote', { threshold: s.threshold })}
      </p>
      <p>
        {t('stats.cases')}:{' '}
        <strong data-testid="counted-cases">
          {text({ count: s.countedCases, suppressed: s.countedCasesSuppressed, suppression: s.countedCasesSuppression })}
        </strong>
      </p>
      <div className="charts">
        <figure>
          <h2>{t('stats.perMonth')}</h2>
          <BarChart responsive style={chartSize(260)} data={months} accessibilityLayer title={t('stats.perMonth')}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {reasons.map((r, i) => (
              <Bar key={r} dataKey={reasonLabel(r)} stackId="reasons" fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
            ))}
          </BarChart>
          <figcaption className="sr-only">
            {s.referralsPerMonth.map((r) => `${r.month} ${reasonLabel(r.reason)}: ${text(r)}`).join('; ')}
          </figcaption>
          {hidden(s.referralsPerMonth.map((r) => ({ ...r, label: `${r.month} ${reasonLabel(r.reason)}` })))}
        </figure>
        <figure>
          <h2>{t('stats.perArea')}</h2>
          <BarChart responsive style={chartSize(260)} data={areas} accessibilityLayer title={t('stats.perArea')}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey={t('stats.cases')} fill="#00529b" isAnimationActive={false} />
          </BarChart>
          <figcaption className="sr-only">{s.referralsPerArea.map((a) => `${a.areaName ?? '–'}: ${text(a)}`).join('; ')}</figcaption>
          {hidden(s.referralsPerArea.map((a) => ({ ...a, label: a.areaName ?? '–' })))}
        </figure>
        <figure>
          <h2>{t('stats.outcomes')}</h2>
          <BarChart responsive style={chartSize(260)} data={outcomes} accessibilityLayer title={t('stats.outcomes')}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey={t('stats.cases')} fill="#1e6b34" isAnimationActive={false} />
          </BarChart>
          <figcaption className="sr-only">{s.outcomes.map((o) => `${outcomeName(o)}: ${text(o)}`).join('; ')}</figcaption>
          {hidden(s.outcomes.map((o) => ({ ...o, label: outcomeName(o) })))}
        </figure>
        <div>
          <h2>{t('stats.firstContact')}</h2>
          <p>
            {t('stats.median')}: <strong>{s.daysToFirstContact.median ?? '–'}</strong> · Ø {s.daysToFirstContact.average ?? '–'} (
            {t('stats.cases')}: {few(s.daysToFirstContact)})
          </p>
          <h2>{t('stats.change')}</h2>
          <BarChart
            responsive
            style={chartSize(220)}
            title={t('stats.change')}
            data={[
              { name: 'WHO-5', value: s.wellbeingChange.who5 ?? 0 },
              { name: 'UCLA-3', value: s.wellbeingChange.ucla3 ?? 0 },
            ]}
            accessibilityLayer
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis />
            <Tooltip />
            <Bar dataKey="value" name={t('stats.change')} fill="#5f3dc4" isAnimationActive={false} />
          </BarChart>
          <p data-testid="wellbeing-change">
            {t('stats.who5')}: {s.wellbeingChange.who5 ?? '–'} · {t('stats.ucla3')}: {s.wellbeingChange.ucla3 ?? '–'} ({t('stats.cases')}:{' '}
            {few(s.wellbeingChange)})
          </p>
        </div>
      </div>
    </section>
  );
}

/** As wide as the column allows, at most 480 px: a phone gets a narrower chart, not a page that scrolls sideways. */
export const chartSize = (height: number) => ({ width: '100%', maxWidth: 480, height });
