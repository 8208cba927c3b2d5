import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, Appointment, download, Place } from '../api';
import { ErrorText, Loading } from './Layout';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

export const DAY = 86_400_000;

export function mondayOf(d: Date): Date {
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
  return useQuery({ queryKey: queryKeys.places, queryFn: () => api<{ items: Place[] }>('GET', '/v1/places') });
}

/** The case page's appointments: the case's bookings, a form to book one, and the citizen's copy to print. */
export function AppointmentsPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.appointments.ofCase(id),
    queryFn: () => api<{ items: Appointment[] }>('GET', `/v1/referrals/${id}/appointments`),
  });
  const places = usePlaces();
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState(90);
  const [placeId, setPlaceId] = useState('');
  const [other, setOther] = useState('');
  const [kind, setKind] = useState<Appointment['kind']>('first');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.appointments.all });
    void client.invalidateQueries({ queryKey: queryKeys.case(id) });
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
export function AppointmentList({
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
