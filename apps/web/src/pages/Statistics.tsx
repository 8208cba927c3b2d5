import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { api, Statistics } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { useReasonLabel, queryKeys } from '../queries';

const COLOURS = ['#00529b', '#a4161a', '#1e6b34', '#8a6d00', '#5f3dc4', '#0b7285', '#5f6b7a', '#c2255c'];

/** Statistics as charts, each with its numbers in text too (`GET /v1/statistics`). */
export function StatisticsPage() {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  const stats = useQuery({ queryKey: queryKeys.statistics, queryFn: () => api<Statistics>('GET', '/v1/statistics') });
  if (stats.isPending) return <Loading />;
  if (stats.error) return <ErrorText error={stats.error} />;
  const s = stats.data;
  const reasons = [...new Set(s.referralsPerMonth.map((r) => r.reason))];
  const months = [...new Set(s.referralsPerMonth.map((r) => r.month))].map((month) => ({
    month,
    ...Object.fromEntries(s.referralsPerMonth.filter((r) => r.month === month).map((r) => [reasonLabel(r.reason), r.count])),
  }));
  const outcomes = s.outcomes.map((o) => ({ name: t(`outcome.${o.outcome}`, { defaultValue: o.outcome }), [t('stats.cases')]: o.count }));
  const areas = s.referralsPerArea.map((a) => ({ name: a.areaName ?? '–', [t('stats.cases')]: a.count }));
  return (
    <section>
      <h1>{t('stats.title')}</h1>
      <p className="notice">{t('stats.consentNote')}</p>
      <p>
        {t('stats.cases')}: <strong data-testid="counted-cases">{s.countedCases}</strong>
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
            {s.referralsPerMonth.map((r) => `${r.month} ${reasonLabel(r.reason)}: ${r.count}`).join('; ')}
          </figcaption>
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
          <figcaption className="sr-only">{areas.map((a) => `${a.name}: ${String(a[t('stats.cases')])}`).join('; ')}</figcaption>
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
          <figcaption className="sr-only">{outcomes.map((o) => `${o.name}: ${String(o[t('stats.cases')])}`).join('; ')}</figcaption>
        </figure>
        <div>
          <h2>{t('stats.firstContact')}</h2>
          <p>
            {t('stats.median')}: <strong>{s.daysToFirstContact.median ?? '–'}</strong> · Ø {s.daysToFirstContact.average ?? '–'} (
            {t('stats.cases')}: {s.daysToFirstContact.cases})
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
            {s.wellbeingChange.cases})
          </p>
        </div>
      </div>
    </section>
  );
}

/** As wide as the column allows, at most 480 px: a phone gets a narrower chart, not a page that scrolls sideways. */
export const chartSize = (height: number) => ({ width: '100%', maxWidth: 480, height });
