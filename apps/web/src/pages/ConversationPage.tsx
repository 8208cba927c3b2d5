import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, Appointment, RecordedConversation } from '../api';
import { useAuth } from '../auth';
import { describedBy, ErrorSummary, FieldError, FormProblem, Label } from '../components/FormErrors';
import { ErrorText, Loading } from '../components/Layout';
import { useDraft } from '../draft';
import { serverFieldErrors } from '../errors';
import { Answers, emptyAnswers, Questionnaire } from '../components/Questionnaire';
import { Wheel, WheelScores } from '../components/Wheel';
import { useCase, useWheelDomains, queryKeys } from '../queries';

function localNow(): string {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The api's field → the input that shows its problem. */
const API_FIELDS: Record<string, string> = {
  heldAt: 'heldAt',
  durationMinutes: 'duration',
  location: 'location',
  kind: 'kind',
  whatMatters: 'whatMatters',
  wishes: 'wishes',
  wantToTry: 'wantToTry',
  notes: 'notes',
};

/** A conversation: Samtalehjulet, "Min samtale", WHO-5 and UCLA-3 (`POST /v1/referrals/:id/conversations`). */
export function ConversationPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
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
  const [attempt, setAttempt] = useState(0);
  const { me } = useAuth();
  const draft = useDraft(
    `bro.draft.conversation.${me?.id ?? ''}.${id}`,
    { heldAt, duration, location, kind, wheel, whatMatters, wishes, wantToTry, notes, who5, ucla3 },
    (d) => {
      setHeldAt(d.heldAt);
      setDuration(d.duration);
      setLocation(d.location);
      setKind(d.kind);
      setWheel(d.wheel);
      setWhatMatters(d.whatMatters);
      setWishes(d.wishes);
      setWantToTry(d.wantToTry);
      setNotes(d.notes);
      setWho5(d.who5);
      setUcla3(d.ucla3);
    },
  );
  // Held at a booked appointment: the form opens pre-filled from it, and saving marks it held.
  const appointmentId = params.get('aftale');
  const appointment = useQuery({
    queryKey: queryKeys.appointment(appointmentId),
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
      api<RecordedConversation>('POST', `/v1/referrals/${id}/conversations`, {
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
      draft.clear();
      await client.invalidateQueries({ queryKey: queryKeys.case(id) });
      void client.invalidateQueries({ queryKey: queryKeys.followUps.all });
      void client.invalidateQueries({ queryKey: queryKeys.appointments.all });
      await navigate(`/sager/${id}`);
    },
  });

  const own: Record<string, string> = {};
  if (attempt > 0) {
    if (!heldAt) own.heldAt = t('errors.field.invalid_date');
    if (!Number.isInteger(duration) || duration < 1 || duration > 600) own.duration = t('errors.field.out_of_range');
    if (!location.trim()) own.location = t('errors.field.required');
  }
  const errors = { ...serverFieldErrors(t, save.error, API_FIELDS), ...own };
  const labels: Record<string, string> = {
    heldAt: t('conversation.heldAt'),
    duration: t('conversation.duration'),
    location: t('conversation.location'),
    kind: t('conversation.kind'),
    whatMatters: t('conversation.whatMatters'),
    wishes: t('conversation.wishes'),
    wantToTry: t('conversation.wantToTry'),
    notes: t('conversation.notes'),
  };
  const problems: FormProblem[] = Object.keys(labels)
    .filter((k) => errors[k])
    .map((k) => ({ id: k, label: labels[k], message: errors[k] }));
  const time = (d: Date) => d.toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'da-DK', { hour: '2-digit', minute: '2-digit' });

  if (c.isPending || domains.isPending) return <Loading />;
  const first = c.data?.conversations.find((v) => v.wheel && Object.keys(v.wheel).length > 0)?.wheel ?? null;

  return (
    <section>
      <p>
        <Link to={`/sager/${id}`}>← {c.data?.citizen.name}</Link>
      </p>
      <h1>{t('conversation.title')}</h1>
      <p className="hint">{t('form.requiredLegend')}</p>
      {(draft.savedAt || draft.restoredAt) && (
        <p className="draft-note hint" role="status">
          {draft.savedAt ? t('form.draftSaved', { time: time(draft.savedAt) }) : t('form.draftRestored', { time: time(draft.restoredAt!) })}
          <button type="button" className="link" onClick={draft.clear}>
            {t('form.discardDraft')}
          </button>
        </p>
      )}
      <ErrorSummary problems={problems} attempt={attempt} />
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setAttempt((n) => n + 1);
          if (!heldAt || !location.trim() || !Number.isInteger(duration) || duration < 1 || duration > 600) return;
          save.mutate(undefined, { onError: () => setAttempt((n) => n + 1) });
        }}
      >
        <div className="grid2">
          <div>
            <Label htmlFor="heldAt" required>
              {t('conversation.heldAt')}
            </Label>
            <input
              id="heldAt"
              type="datetime-local"
              value={heldAt}
              onChange={(e) => setHeldAt(e.target.value)}
              required
              aria-invalid={Boolean(errors.heldAt)}
              aria-describedby={describedBy('heldAt', errors.heldAt)}
            />
            <FieldError id="heldAt" message={errors.heldAt} />
          </div>
          <div>
            <Label htmlFor="duration" required>
              {t('conversation.duration')}
            </Label>
            <input
              id="duration"
              type="number"
              min={1}
              max={600}
              value={duration}
              onChange={(e) => setDuration(Number(e.target.value))}
              required
              aria-invalid={Boolean(errors.duration)}
              aria-describedby={describedBy('duration', errors.duration)}
            />
            <FieldError id="duration" message={errors.duration} />
          </div>
          <div>
            <Label htmlFor="location" required>
              {t('conversation.location')}
            </Label>
            <input
              id="location"
              value={location}
              onChange={(e) => setLocation(e.target.value)}
              required
              aria-invalid={Boolean(errors.location)}
              aria-describedby={describedBy('location', errors.location)}
            />
            <FieldError id="location" message={errors.location} />
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
        {save.error && problems.length === 0 && <ErrorText error={save.error} />}
      </form>
    </section>
  );
}
