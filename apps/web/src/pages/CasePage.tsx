import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { REOPEN_WINDOW_DAYS } from '@bro/case-kernel';
import { api, Conversation, FullCase } from '../api';
import { useAuth } from '../auth';
import { AddressProtectedBadge } from '../components/AddressProtected';
import { ConfirmButton } from '../components/Confirm';
import { JoinCitizen } from '../components/JoinCitizen';
import { AssignForm } from '../components/AssignForm';
import { PhoneLink } from '../components/PhoneLink';
import { ErrorText, Loading } from '../components/Layout';
import { FirstContactPanel } from '../components/FirstContact';
import { AppointmentsPanel } from '../components/AppointmentsPanel';
import { LinkingPanel } from '../components/Linking';
import { HandoverConsent, StepHandovers } from '../components/Handovers';
import { CitizenRights } from '../components/CitizenRights';
import { MedcomPanel } from '../components/Medcom';
import { formatDate } from '../i18n';
import { useCase, useReasonLabel, queryKeys } from '../queries';
import { MeasurementForm } from '../components/MeasurementForm';

/**
 * The wheel and the scores, in a chunk of their own: fetched only when a case has a
 * wheel or a measurement to show, so opening a new case carries no drawing code.
 */
const Outcomes = lazy(async () => ({ default: (await import('../components/Outcomes')).Outcomes }));

/** Measurements a follow-up takes after closing: at closing, and 3 and 9 months on. */
const MEASURED_KINDS = ['outcome_measurement', 'measurement_3m', 'measurement_9m'];
/** The server's window (`REOPEN_WINDOW_DAYS`); the button is offered within it, the server decides. */
const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * 24 * 3600 * 1000;

function ContactAttemptForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('reached');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => api('POST', `/v1/referrals/${id}/contact-attempts`, { outcome, ...(note ? { note } : {}) }),
    onSuccess: onDone,
  });
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <fieldset>
        <legend>{t('case.attempt.title')}</legend>
        {(['reached', 'no_answer', 'declined'] as const).map((o) => (
          <label key={o} className="check">
            <input type="radio" name="attempt-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            {t(`case.attempt.${o}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="attempt-note">{t('case.attempt.note')}</label>
      <input id="attempt-note" value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="buttons">
        <button type="submit" disabled={send.isPending}>
          {t('case.attempt.submit')}
        </button>
      </div>
      <ErrorText error={send.error} />
    </form>
  );
}

function HoldForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const send = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/hold`, { reason }), onSuccess: onDone });
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor="hold-reason">{t('case.holdReason')}</label>
      <input id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
      <div className="buttons">
        <button type="submit" disabled={send.isPending || !reason}>
          {t('case.actions.hold')}
        </button>
      </div>
      <ErrorText error={send.error} />
    </form>
  );
}

/** Reopening a completed case (coordinators, within 30 days): a reason, then a confirmation. */
function ReopenForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const send = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/reopen`, { reason }), onSuccess: onDone });
  return (
    <form className="panel" onSubmit={(e: FormEvent) => e.preventDefault()}>
      <label htmlFor="reopen-reason">{t('work.reopenReason')}</label>
      <input id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="reopen-help" />
      <p id="reopen-help" className="hint">
        {t('work.reopenHelp')}
      </p>
      <ConfirmButton
        label={t('work.reopen')}
        question={t('work.confirmReopen')}
        yes={t('work.yesReopen')}
        disabled={!reason.trim() || send.isPending}
        onConfirm={() => send.mutate()}
      />
      <ErrorText error={send.error} />
    </form>
  );
}

/** What the citizen said in one conversation, in full (what the policy discloses: without notes, only dates and scores). */
function ConversationRecord({ v }: { v: Conversation }) {
  const { t } = useTranslation();
  const said = [
    ['whatMatters', v.whatMatters],
    ['wishes', v.wishes],
    ['wantToTry', v.wantToTry],
    ['notes', v.notes],
  ] as const;
  return (
    <li className="panel" data-testid="conversation">
      <h3>
        {t('work.conversation', {
          kind: t(`conversation.kinds.${v.kind}`),
          date: formatDate(v.heldAt, true),
          minutes: v.durationMinutes,
        })}
      </h3>
      <dl className="said">
        {v.location !== undefined && (
          <div>
            <dt>{t('work.place')}</dt>
            <dd>{v.location || '–'}</dd>
          </div>
        )}
        {said
          .filter(([, text]) => text !== undefined)
          .map(([key, text]) => (
            <div key={key}>
              <dt>{t(`work.${key}`)}</dt>
              <dd>{text || <span className="muted">{t('work.nothingWritten')}</span>}</dd>
            </div>
          ))}
        <div>
          <dt>{t('work.who5')}</dt>
          <dd>{v.who5Score ?? t('work.notMeasured')}</dd>
        </div>
        <div>
          <dt>{t('work.ucla3')}</dt>
          <dd>{v.ucla3Score ?? t('work.notMeasured')}</dd>
        </div>
      </dl>
    </li>
  );
}

function contactPreferences(prefs: FullCase['citizen']['contactPreferences'], t: (key: string) => string): string {
  const p = (prefs ?? {}) as { preferred?: string; doNotContactBy?: string[] };
  const parts = [
    ...(p.preferred ? [`${t('case.preferred')}: ${t(`case.channels.${p.preferred}`)}`] : []),
    ...(p.doNotContactBy?.length
      ? [`${t('case.doNotContactBy')}: ${p.doNotContactBy.map((c) => t(`case.channels.${c}`)).join(', ')}`]
      : []),
  ];
  return parts.length ? parts.join(' · ') : '–';
}

/** The case: the citizen, consents as badges, the timeline and the legal next steps (named by the server). */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me } = useAuth();
  const client = useQueryClient();
  const c = useCase(id);
  const reasonLabel = useReasonLabel();
  const [open, setOpen] = useState<'attempt' | 'hold' | null>(null);
  const refresh = () => {
    setOpen(null);
    void client.invalidateQueries({ queryKey: queryKeys.case(id) });
    void client.invalidateQueries({ queryKey: queryKeys.followUps.all });
    void client.invalidateQueries({ queryKey: queryKeys.referrals.all });
    void client.invalidateQueries({ queryKey: queryKeys.queues.all });
  };
  const resume = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/resume`, {}), onSuccess: refresh });
  const unassign = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/unassign`, {}), onSuccess: refresh });

  if (c.isPending) return <Loading />;
  if (c.error) return <ErrorText error={c.error} />;
  const k = c.data;
  // Hand-offs are the case holder's (or a coordinator's) to send; the server decides, the buttons only follow.
  const staff = me?.role === 'brobygger' || me?.role === 'coordinator';
  const actions = k.nextActions ?? [];
  // The server withholds a protected citizen's address from anyone who does not hold the case.
  const withheld = k.citizen.addressProtected && k.citizen.address.street === null && k.citizen.address.city === null;

  const timeline = [
    ...k.statusHistory.map((h) => ({ at: h.at, text: t('case.events.status', { status: t(`status.${h.to}`) }) })),
    ...k.contactAttempts.map((a) => ({
      at: a.attemptedAt,
      text: t('case.events.attempt', { outcome: t(`case.attempt.${a.outcome}`) }) + (a.note ? ` — ${a.note}` : ''),
    })),
    ...k.conversations.map((v) => ({
      at: v.heldAt,
      text: t('case.events.conversation', { kind: t(`conversation.kinds.${v.kind}`), minutes: v.durationMinutes }),
    })),
    ...(k.plan?.history ?? [{ version: k.plan?.version ?? 0, changedAt: k.plan?.updatedAt ?? '' }])
      .filter((h) => h.changedAt)
      .map((h) => ({ at: h.changedAt, text: t('case.events.plan', { version: h.version }) })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const wheels = k.conversations.filter((v) => v.wheel && Object.keys(v.wheel).length > 0);
  const firstWheel = wheels[0]?.wheel ?? null;
  const lastWheel = wheels[wheels.length - 1]?.wheel ?? null;
  // Every measurement in the order taken: conversations, then the measurements by follow-up (at closing, 3 and 9 months).
  const measured = [
    ...k.conversations.map((v) => ({ at: v.heldAt, who5: v.who5Score, ucla3: v.ucla3Score })),
    ...k.followUps
      .filter((f) => f.measurement?.result === 'measured')
      .map((f) => ({ at: f.dueAt, who5: f.measurement!.who5Score, ucla3: f.measurement!.ucla3Score })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const pointsOf = (key: 'who5' | 'ucla3') => measured.filter((p) => p[key] !== null).map((p) => ({ at: p.at, value: p[key] as number }));
  const closed = k.closedAt !== null;
  const openMeasurements = closed ? k.followUps.filter((f) => f.status === 'open' && MEASURED_KINDS.includes(f.kind)) : [];
  const reopenable =
    me?.role === 'coordinator' &&
    actions.includes('reopen') &&
    k.closedAt !== null &&
    Date.now() - Date.parse(k.closedAt) <= REOPEN_WINDOW_MS;
  const badges = [
    t('case.consentBadges.referrerFeedback', { level: t(`consent.feedback.${k.consents.referrerFeedback}`) }),
    ...(k.consents.shareWithHost ? [t('case.consentBadges.shareWithHost')] : []),
    ...(k.consents.sms ? [t('case.consentBadges.sms')] : []),
    ...(k.consents.statistics ? [t('case.consentBadges.statistics')] : []),
  ];

  return (
    <article>
      <h1>
        {k.citizen.name} <span className={`badge status-${k.status}`}>{t(`status.${k.status}`)}</span>
        <AddressProtectedBadge marked={k.citizen.addressProtected} />
      </h1>
      {k.considerUnreachable && (
        <p className="notice" role="note">
          {t('case.considerUnreachable')}
        </p>
      )}
      <div className="columns">
        <section aria-labelledby="citizen-h" className="panel">
          <h2 id="citizen-h">{t('case.citizen')}</h2>
          <dl>
            <dt>{t('case.cpr')}</dt>
            <dd data-testid="masked-cpr">{k.citizen.cpr ?? '–'}</dd>
            <dt>{t('case.phone')}</dt>
            <dd>{withheld ? t('protection.withheld') : k.citizen.phone ? <PhoneLink phone={k.citizen.phone} /> : '–'}</dd>
            <dt>{t('case.address')}</dt>
            <dd>
              {withheld
                ? t('protection.withheld')
                : [k.citizen.address.street, `${k.citizen.address.postcode ?? ''} ${k.citizen.address.city ?? ''}`].join(', ')}
            </dd>
            <dt>{t('case.contactPreferences')}</dt>
            <dd>{contactPreferences(k.citizen.contactPreferences, t)}</dd>
            <dt>{t('case.reasons')}</dt>
            <dd>{k.reasons.map(reasonLabel).join(', ')}</dd>
            <dt>{t('case.referrer')}</dt>
            <dd>
              {k.referrer
                ? [k.referrer.displayName, k.referrer.organisation].filter(Boolean).join(', ')
                : k.publicReferral
                  ? t(`publicReferral.kinds.${k.publicReferral.referrerKind}`)
                  : '–'}
            </dd>
            {k.publicReferral && (
              <>
                <dt>{t('firstContact.reference')}</dt>
                <dd>{k.publicReferral.reference}</dd>
                <dt>{t('firstContact.citizenKnows')}</dt>
                <dd>{k.publicReferral.citizenKnows ? t('app.yes') : t('app.no')}</dd>
              </>
            )}
            <dt>{t('case.assignee')}</dt>
            <dd>{k.assignee?.displayName ?? '–'}</dd>
            <dt>{t('case.area')}</dt>
            <dd>{k.area?.name ?? '–'}</dd>
          </dl>
          {k.note && (
            <>
              <h3>{t('case.note')}</h3>
              <p>{k.note}</p>
            </>
          )}
          <h3>{t('case.consents')}</h3>
          <ul className="badges" aria-label={t('case.consents')}>
            {badges.map((b) => (
              <li key={b} className="badge">
                {b}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="steps-h" className="panel">
          <h2 id="steps-h">{t('case.nextSteps')}</h2>
          {actions.every((a) => a === 'reopen') && k.status !== 'linked' && <p>{t('case.noSteps')}</p>}
          {k.status === 'awaiting_consent' && <p className="notice">{t('firstContact.intro')}</p>}
          {k.status === 'awaiting_consent' && me?.role === 'coordinator' && (
            <JoinCitizen id={id} onDone={() => void client.invalidateQueries({ queryKey: queryKeys.referrals.all })} />
          )}
          <div className="buttons wrap">
            {actions.includes('contact_attempt') && (
              <button type="button" aria-expanded={open === 'attempt'} onClick={() => setOpen(open === 'attempt' ? null : 'attempt')}>
                {t('case.actions.contact_attempt')}
              </button>
            )}
            {actions.includes('first_conversation') && (
              <Link className="button" to={`/sager/${id}/samtale?kind=first`}>
                {t('case.actions.first_conversation')}
              </Link>
            )}
            {actions.includes('follow_up_conversation') && (
              <Link className="button" to={`/sager/${id}/samtale?kind=follow_up`}>
                {t('case.actions.follow_up_conversation')}
              </Link>
            )}
            {actions.includes('plan') && k.assignee && (
              <Link className="button" to={`/sager/${id}/plan`}>
                {t('case.actions.plan')}
              </Link>
            )}
            {actions.includes('hold') && (
              <button type="button" aria-expanded={open === 'hold'} onClick={() => setOpen(open === 'hold' ? null : 'hold')}>
                {t('case.actions.hold')}
              </button>
            )}
            {actions.includes('resume') && (
              <button type="button" onClick={() => resume.mutate()}>
                {t('case.actions.resume')}
              </button>
            )}
            {actions.includes('close') && (
              <Link className="button secondary" to={`/sager/${id}/afslut`}>
                {t('case.actions.close')}
              </Link>
            )}
          </div>
          {actions.includes('first_contact') && <FirstContactPanel id={id} spam={me?.role === 'coordinator'} onDone={refresh} />}
          {open === 'attempt' && <ContactAttemptForm id={id} onDone={refresh} />}
          {open === 'hold' && <HoldForm id={id} onDone={refresh} />}
          {me?.role === 'coordinator' && actions.includes('assign') && <AssignForm id={id} onDone={refresh} />}
          {me?.role === 'coordinator' && k.assignee && !closed && (
            <ConfirmButton
              className="secondary"
              label={t('work.unassign')}
              question={t('work.confirmUnassign', { name: k.assignee.displayName ?? '' })}
              yes={t('work.yesUnassign')}
              disabled={unassign.isPending}
              onConfirm={() => unassign.mutate()}
            />
          )}
          {reopenable && <ReopenForm id={id} onDone={refresh} />}
          {openMeasurements.map((f) => (
            <section key={f.id} aria-labelledby={`measure-${f.id}`}>
              <h3 id={`measure-${f.id}`}>
                {f.kind === 'outcome_measurement' ? t('work.finalMeasurement') : t(`followUps.kinds.${f.kind}`)}
              </h3>
              <p className="hint">{t('work.finalMeasurementHelp')}</p>
              <MeasurementForm followUp={f} onDone={refresh} />
            </section>
          ))}
          <ErrorText error={resume.error ?? unassign.error} />
          {k.summary && (
            <>
              <h3>{t('case.summary')}</h3>
              <p>
                {k.summary} {k.summaryApprovedByCitizen && <em>({t('case.approved')})</em>}
              </p>
            </>
          )}
        </section>
      </div>

      {actions.includes('plan') && k.assignee && <AppointmentsPanel id={id} />}

      <LinkingPanel k={k} reasonLabel={reasonLabel} onDone={refresh} />

      {(me?.role === 'brobygger' || me?.role === 'coordinator') && <MedcomPanel caseId={id} canReply={actions.includes('plan')} />}

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('case.timeline')}</h2>
        <ol className="timeline">
          {timeline.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatDate(e.at, true)}</time> {e.text}
            </li>
          ))}
        </ol>
      </section>

      {k.conversations.length > 0 && (
        <section aria-labelledby="conversations-h">
          <h2 id="conversations-h">{t('work.conversations')}</h2>
          <ol className="cards">
            {[...k.conversations]
              .sort((a, b) => Date.parse(a.heldAt) - Date.parse(b.heldAt))
              .map((v) => (
                <ConversationRecord key={v.id} v={v} />
              ))}
          </ol>
        </section>
      )}

      {(lastWheel || measured.length > 0) && (
        <Suspense fallback={<Loading />}>
          <Outcomes
            lastWheel={lastWheel}
            firstWheel={wheels.length > 1 ? firstWheel : null}
            who5={pointsOf('who5')}
            ucla3={pointsOf('ucla3')}
          />
        </Suspense>
      )}

      {k.plan && (
        <section aria-labelledby="plan-h">
          <h2 id="plan-h">{t('case.plan')}</h2>
          {k.plan.goals && (
            <>
              <h3>{t('case.goals')}</h3>
              <ul>
                {k.plan.goals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('case.steps')}</h3>
          {staff && k.plan.steps.some((s) => s.offerId) && <HandoverConsent shareWithHost={k.consents.shareWithHost} />}
          <ul>
            {k.plan.steps.map((s, i) => (
              <li key={s.id ?? i}>
                {s.description ?? t('case.stepWithoutText')}
                {s.offer && ` · ${s.offer.name}`}
                {s.status && ` · ${t(`plan.stepStatuses.${s.status}`)}`}
                {s.companion && ` · ${t('plan.companion')}`}
                {staff && <StepHandovers caseId={id} step={s} shareWithHost={k.consents.shareWithHost} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      {me?.role === 'coordinator' && <CitizenRights citizenId={k.citizen.id} />}

      {k.followUps.length > 0 && (
        <section aria-labelledby="fu-h">
          <h2 id="fu-h">{t('case.followUps')}</h2>
          <ul>
            {k.followUps.map((f) => (
              <li key={f.id}>
                {t(`followUps.kinds.${f.kind}`)} · {formatDate(f.dueAt)} · {t(`followUps.statuses.${f.status}`, { defaultValue: f.status })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
