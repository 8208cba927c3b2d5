import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, Appointment, CitizenCopy, download, Place } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';

const DAY = 86_400_000;

function mondayOf(d: Date): Date {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  return monday;
}

/** A server error as Danish text that says what to do; a clash names what it clashes with. */
function BookingError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <ErrorText error={error} />;
  const clash = (error.body?.details as { clash?: { kind: string; startsAt?: string; from?: string; to?: string } } | undefined)?.clash;
  let text = t('appointments.errors.generic');
  if (clash?.kind === 'appointment') text = t('appointments.errors.overlap', { at: formatDate(clash.startsAt, true) });
  else if (clash?.kind === 'absence') text = t('appointments.errors.absence', { from: clash.from ?? '…', to: clash.to ?? '…' });
  else if (error.status === 422) text = t('appointments.errors.rule');
  else if (error.status === 400) text = t('appointments.errors.input');
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}

export function usePlaces() {
  return useQuery({ queryKey: ['places'], queryFn: () => api<{ items: Place[] }>('GET', '/v1/places') });
}

/** The case page's appointments: the case's bookings, a form to book one, and the citizen's copy to print. */
export function AppointmentsPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['appointments', id],
    queryFn: () => api<{ items: Appointment[] }>('GET', `/v1/referrals/${id}/appointments`),
  });
  const places = usePlaces();
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState(90);
  const [placeId, setPlaceId] = useState('');
  const [other, setOther] = useState('');
  const [kind, setKind] = useState<Appointment['kind']>('first');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['appointments'] });
    void client.invalidateQueries({ queryKey: ['case', id] });
  };
  const book = useMutation({
    mutationFn: () =>
      api('POST', `/v1/referrals/${id}/appointments`, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: duration,
        kind,
        ...(placeId === 'other' ? { place: other } : { placeId }),
      }),
    onSuccess: refresh,
  });
  const cancel = useMutation({
    mutationFn: (a: Appointment) => api('POST', `/v1/appointments/${a.id}/cancel`, { reason: t('appointments.cancelledByBrobygger') }),
    onSuccess: refresh,
  });

  return (
    <section aria-labelledby="appointments-h">
      <h2 id="appointments-h">{t('appointments.title')}</h2>
      <p className="buttons wrap">
        <Link className="button secondary" to={`/sager/${id}/min-plan`}>
          {t('appointments.print')}
        </Link>
      </p>
      {list.isPending ? (
        <Loading />
      ) : (
        <AppointmentList items={(list.data?.items ?? []).filter((a) => a.status !== 'cancelled')} onCancel={(a) => cancel.mutate(a)} />
      )}
      <ErrorText error={cancel.error} />
      <form
        aria-label={t('appointments.book')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          book.mutate();
        }}
      >
        <h3>{t('appointments.book')}</h3>
        <div className="grid2">
          <div>
            <label htmlFor="appt-start">{t('appointments.startsAt')}</label>
            <input id="appt-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="appt-duration">{t('appointments.duration')}</label>
            <input
              id="appt-duration"
              type="number"
              min={5}
              max={480}
              value={duration}
              onChange={(e) => setDuration(Number(e.target.value))}
              required
            />
          </div>
          <div>
            <label htmlFor="appt-place">{t('appointments.place')}</label>
            <select id="appt-place" value={placeId} onChange={(e) => setPlaceId(e.target.value)} required>
              <option value="">{t('appointments.choosePlace')}</option>
              {(places.data?.items ?? [])
                .filter((p) => p.active)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.accessible ? ` (${t('appointments.accessible')})` : ''}
                  </option>
                ))}
              <option value="other">{t('appointments.otherPlace')}</option>
            </select>
          </div>
          {placeId === 'other' && (
            <div>
              <label htmlFor="appt-other">{t('appointments.otherPlaceName')}</label>
              <input id="appt-other" value={other} onChange={(e) => setOther(e.target.value)} required maxLength={200} />
            </div>
          )}
          <div>
            <label htmlFor="appt-kind">{t('appointments.kind')}</label>
            <select id="appt-kind" value={kind} onChange={(e) => setKind(e.target.value as Appointment['kind'])}>
              {(['first', 'follow_up', 'phone'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`conversation.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="buttons">
          <button type="submit" disabled={book.isPending}>
            {t('appointments.submit')}
          </button>
        </div>
        {book.isSuccess && <p role="status">{t('appointments.booked')}</p>}
        <BookingError error={book.error} />
      </form>
    </section>
  );
}

/** Appointments as a list: when, with whom, where, and what can be done with each. */
function AppointmentList({
  items,
  onCancel,
  withCitizen,
}: {
  items: Appointment[];
  onCancel?: (a: Appointment) => void;
  withCitizen?: boolean;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('appointments.none')}</p>;
  return (
    <ul className="appointments">
      {items.map((a) => (
        <li key={a.id}>
          <time dateTime={a.startsAt}>{formatDate(a.startsAt, true)}</time> · {a.durationMinutes} min ·{' '}
          {withCitizen && <Link to={`/sager/${a.referralId}`}>{a.citizen?.name ?? '–'}</Link>}
          {withCitizen && ' · '}
          {t(`conversation.kinds.${a.kind}`)} · {a.place.name} · <span className="badge">{t(`appointments.status.${a.status}`)}</span>
          {a.reminder && <span className="badge">{t(`appointments.reminder.${a.reminder}`)}</span>}
          {a.status === 'booked' && (
            <span className="buttons wrap">
              <Link className="button" to={`/sager/${a.referralId}/samtale?aftale=${a.id}&kind=${a.kind}`}>
                {t('appointments.hold')}
              </Link>
              {a.reminder === 'letter' && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void download(`/v1/appointments/${a.id}/letter.pdf`, 'paamindelse.pdf')}
                >
                  {t('appointments.letter')}
                </button>
              )}
              {onCancel && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    if (window.confirm(t('appointments.confirmCancel'))) onCancel(a);
                  }}
                >
                  {t('appointments.cancel')}
                </button>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The brobygger's week (`/aftaler`): their appointments Monday to Sunday, and their calendar feed. */
export function WeekPage() {
  const { t } = useTranslation();
  const [monday, setMonday] = useState(() => mondayOf(new Date()));
  const from = monday.toISOString();
  const to = new Date(monday.getTime() + 7 * DAY + 2 * 3_600_000).toISOString(); // a DST week is an hour longer
  const week = useQuery({
    queryKey: ['appointments', 'week', from],
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
  const copy = useQuery({ queryKey: ['citizen-copy', id], queryFn: () => api<CitizenCopy>('GET', `/v1/referrals/${id}/citizen-copy`) });
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
            {s.companion && <li>{t('copy.companion')}</li>}
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
