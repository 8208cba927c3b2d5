import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, Appointment } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { Answers, emptyAnswers, Questionnaire } from '../components/Questionnaire';
import { Wheel, WheelScores } from '../components/Wheel';
import { useCase, useWheelDomains } from './CasePage';

function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A conversation: Samtalehjulet, "Min samtale", WHO-5 and UCLA-3 (`POST /v1/referrals/:id/conversations`). */
export function ConversationPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const c = useCase(id);
  const domains = useWheelDomains();
  const [heldAt, setHeldAt] = useState(localNow);
  const [duration, setDuration] = useState(60);
  const [location, setLocation] = useState('');
  const [kind, setKind] = useState(params.get('kind') ?? 'first');
  const [wheel, setWheel] = useState<WheelScores>({});
  const [whatMatters, setWhatMatters] = useState('');
  const [wishes, setWishes] = useState('');
  const [wantToTry, setWantToTry] = useState('');
  const [notes, setNotes] = useState('');
  const [who5, setWho5] = useState<Answers>(() => emptyAnswers('who5'));
  const [ucla3, setUcla3] = useState<Answers>(() => emptyAnswers('ucla3'));
  // Held at a booked appointment: the form opens pre-filled from it, and saving marks it held.
  const appointmentId = params.get('aftale');
  const appointment = useQuery({
    queryKey: ['appointment', appointmentId],
    queryFn: () => api<Appointment>('GET', `/v1/appointments/${appointmentId}`),
    enabled: !!appointmentId,
  });
  useEffect(() => {
    const a = appointment.data;
    if (!a) return;
    const start = new Date(a.startsAt);
    setHeldAt(new Date(start.getTime() - start.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    setDuration(a.durationMinutes);
    setLocation(a.place.name);
    setKind(a.kind);
  }, [appointment.data]);

  const save = useMutation({
    mutationFn: () =>
      api<{ who5Score: number | null; ucla3Score: number | null }>('POST', `/v1/referrals/${id}/conversations`, {
        heldAt: new Date(heldAt).toISOString(),
        durationMinutes: duration,
        location,
        kind,
        ...(appointmentId ? { appointmentId } : {}),
        ...(Object.keys(wheel).length ? { wheel } : {}),
        ...(whatMatters ? { whatMatters } : {}),
        ...(wishes ? { wishes } : {}),
        ...(wantToTry ? { wantToTry } : {}),
        ...(notes ? { notes } : {}),
        ...(who5.every((a) => a !== null) ? { who5 } : {}),
        ...(ucla3.every((a) => a !== null) ? { ucla3 } : {}),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['case', id] });
      void client.invalidateQueries({ queryKey: ['follow-ups'] });
      void client.invalidateQueries({ queryKey: ['appointments'] });
      await navigate(`/sager/${id}`);
    },
  });

  if (c.isPending || domains.isPending) return <Loading />;
  const first = c.data?.conversations.find((v) => v.wheel && Object.keys(v.wheel).length > 0)?.wheel ?? null;

  return (
    <section>
      <p>
        <Link to={`/sager/${id}`}>← {c.data?.citizen.name}</Link>
      </p>
      <h1>{t('conversation.title')}</h1>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="grid2">
          <div>
            <label htmlFor="heldAt">{t('conversation.heldAt')}</label>
            <input id="heldAt" type="datetime-local" value={heldAt} onChange={(e) => setHeldAt(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="duration">{t('conversation.duration')}</label>
            <input
              id="duration"
              type="number"
              min={1}
              max={600}
              value={duration}
              onChange={(e) => setDuration(Number(e.target.value))}
              required
            />
          </div>
          <div>
            <label htmlFor="location">{t('conversation.location')}</label>
            <input id="location" value={location} onChange={(e) => setLocation(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="kind">{t('conversation.kind')}</label>
            <select id="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {(['first', 'follow_up', 'phone'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`conversation.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <h2>{t('wheel.title')}</h2>
        <Wheel domains={domains.data ?? []} value={wheel} onChange={setWheel} baseline={first} />
        <fieldset>
          <legend>{t('conversation.minSamtale')}</legend>
          <label htmlFor="whatMatters">{t('conversation.whatMatters')}</label>
          <textarea id="whatMatters" rows={2} value={whatMatters} onChange={(e) => setWhatMatters(e.target.value)} />
          <label htmlFor="wishes">{t('conversation.wishes')}</label>
          <textarea id="wishes" rows={2} value={wishes} onChange={(e) => setWishes(e.target.value)} />
          <label htmlFor="wantToTry">{t('conversation.wantToTry')}</label>
          <textarea id="wantToTry" rows={2} value={wantToTry} onChange={(e) => setWantToTry(e.target.value)} />
        </fieldset>
        <Questionnaire name="who5" value={who5} onChange={setWho5} />
        <Questionnaire name="ucla3" value={ucla3} onChange={setUcla3} />
        <label htmlFor="notes">{t('conversation.notes')}</label>
        <textarea id="notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <div className="buttons">
          <button type="submit" disabled={save.isPending}>
            {t('conversation.submit')}
          </button>
        </div>
        <ErrorText error={save.error} />
      </form>
    </section>
  );
}
