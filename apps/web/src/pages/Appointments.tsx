import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, Appointment, CitizenCopy, download } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

import { AppointmentList, DAY, mondayOf } from '../components/AppointmentsPanel';

/** The brobygger's week (`/aftaler`): their appointments Monday to Sunday, and their calendar feed. */
export function WeekPage() {
  const { t } = useTranslation();
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const from = monday.toISOString();
  const to = new Date(monday.getTime() + 7 * DAY + 2 * 3_600_000).toISOString(); // a DST week is an hour longer
  const week = useQuery({
    queryKey: queryKeys.appointments.week(from),
    queryFn: () => api<{ items: Appointment[] }>('GET', `/v1/appointments?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
  });
  const feed = useMutation({ mutationFn: () => api<{ url: string }>('POST', '/v1/me/calendar-token') });
  const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i));
  const sameDay = (iso: string, d: Date) => new Date(iso).toDateString() === d.toDateString();

  return (
    <section>
      <h1>{t('appointments.weekTitle', { date: formatDate(from) })}</h1>
      <p className="buttons wrap">
        <button type="button" className="secondary" onClick={() => setMonday(new Date(monday.getTime() - 7 * DAY))}>
          ← {t('appointments.previousWeek')}
        </button>
        <button type="button" className="secondary" onClick={() => setMonday(mondayOf(new Date()))}>
          {t('appointments.thisWeek')}
        </button>
        <button type="button" className="secondary" onClick={() => setMonday(mondayOf(new Date(monday.getTime() + 8 * DAY)))}>
          {t('appointments.nextWeek')} →
        </button>
      </p>
      {week.isPending && <Loading />}
      <ErrorText error={week.error} />
      {days.map((d) => {
        const items = (week.data?.items ?? []).filter((a) => sameDay(a.startsAt, d) && a.status !== 'cancelled');
        return (
          <section key={d.toISOString()} aria-label={formatDate(d.toISOString())} className="panel">
            <h2>{new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(d)}</h2>
            <AppointmentList items={items} withCitizen />
          </section>
        );
      })}
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">{t('appointments.feedTitle')}</h2>
        <p>{t('appointments.feedHelp')}</p>
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t('appointments.feedConfirm'))) feed.mutate();
          }}
        >
          {t('appointments.feedButton')}
        </button>
        {feed.data && (
          <p>
            <label htmlFor="feed-url">{t('appointments.feedUrl')}</label>
            <input id="feed-url" readOnly value={feed.data.url} onFocus={(e) => e.target.select()} />
          </p>
        )}
        <ErrorText error={feed.error} />
      </section>
    </section>
  );
}

/** "Min samtale og min plan" as a page to print (`/sager/:id/min-plan`): the citizen's own copy, large type. */
export function CitizenCopyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const copy = useQuery({
    queryKey: queryKeys.citizenCopy(id),
    queryFn: () => api<CitizenCopy>('GET', `/v1/referrals/${id}/citizen-copy`),
  });
  const pdf = useMutation({ mutationFn: () => download(`/v1/referrals/${id}/plan.pdf`, 'min-plan.pdf') });
  if (copy.isPending) return <Loading />;
  if (copy.error) return <ErrorText error={copy.error} />;
  const c = copy.data;
  return (
    <article className="citizen-copy">
      <p className="no-print buttons wrap">
        <Link to={`/sager/${id}`}>← {t('appointments.backToCase')}</Link>
        <button type="button" onClick={() => window.print()}>
          {t('appointments.printNow')}
        </button>
        <button type="button" className="secondary" onClick={() => pdf.mutate()}>
          {t('appointments.pdf')}
        </button>
      </p>
      <ErrorText error={pdf.error} />
      <h1>{c.title}</h1>
      {c.citizenName && <p>{t('copy.to', { name: c.citizenName })}</p>}
      <h2>{t('copy.whatMatters')}</h2>
      <p>{c.whatMatters ?? '–'}</p>
      <h2>{t('copy.wishes')}</h2>
      <p>{c.wishes ?? '–'}</p>
      <h2>{t('copy.wantToTry')}</h2>
      <p>{c.wantToTry ?? '–'}</p>
      <h2>{t('copy.goals')}</h2>
      {c.goals.length ? (
        <ul>
          {c.goals.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      ) : (
        <p>–</p>
      )}
      <h2>{t('copy.steps')}</h2>
      {c.steps.length === 0 && <p>–</p>}
      {c.steps.map((s, i) => (
        <section key={i} aria-label={s.description}>
          <h3>{s.description}</h3>
          <ul>
            {s.dueAt && <li>{t('copy.date', { date: formatDate(s.dueAt) })}</li>}
            {s.offer && <li>{t('copy.offer', { offer: s.offer })}</li>}
            {s.place && <li>{t('copy.place', { place: s.place })}</li>}
            {s.host && <li>{t('copy.host', { host: s.host })}</li>}
            {s.companionName ? (
              <li>{t('copy.companionNamed', { name: s.companionName })}</li>
            ) : (
              s.companion && <li>{t('copy.companion')}</li>
            )}
          </ul>
        </section>
      ))}
      <h2>{t('copy.next')}</h2>
      <p>{c.nextAppointment ? `${formatDate(c.nextAppointment.startsAt, true)}, ${c.nextAppointment.place}` : t('copy.noNext')}</p>
      <h2>{t('copy.brobygger')}</h2>
      <p>
        {c.brobygger
          ? [c.brobygger.name, c.brobygger.workPhone && t('copy.phone', { phone: c.brobygger.workPhone })].filter(Boolean).join(' · ')
          : '–'}
      </p>
    </article>
  );
}
