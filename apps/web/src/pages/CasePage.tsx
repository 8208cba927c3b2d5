import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { api, Brobygger, FullCase, Page } from '../api';
import { useAuth } from '../auth';
import { AddressProtectedBadge } from '../components/AddressProtected';
import { ErrorText, Loading } from '../components/Layout';
import { LinkingPanel } from '../components/Linking';
import { HandoverConsent, StepHandovers } from '../components/Handovers';
import { Wheel } from '../components/Wheel';
import { formatDate } from '../i18n';

export function useCase(id: string) {
  return useQuery({ queryKey: ['case', id], queryFn: () => api<FullCase>('GET', `/v1/referrals/${id}`) });
}

/** Reason codes in the user's language, from `GET /v1/reference/reasons`. */
export function useReasonLabel() {
  const { i18n } = useTranslation();
  const reasons = useQuery({
    queryKey: ['reasons'],
    queryFn: () => api<Page<{ code: string; da: string; en: string }>>('GET', '/v1/reference/reasons'),
    staleTime: Infinity,
  });
  return (code: string) => {
    const r = reasons.data?.items.find((x) => x.code === code);
    return r ? (i18n.language === 'en' ? r.en : r.da) : code;
  };
}

export function useWheelDomains() {
  return useQuery({
    queryKey: ['wheel-domains'],
    queryFn: () => api<Page<{ code: string } | string>>('GET', '/v1/reference/wheel-domains'),
    select: (page) => page.items.map((d) => (typeof d === 'string' ? d : d.code)),
    staleTime: Infinity,
  });
}

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

export function AssignForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const brobyggere = useQuery({ queryKey: ['brobyggere'], queryFn: () => api<Page<Brobygger>>('GET', '/v1/brobyggere?limit=200') });
  const [chosen, setChosen] = useState('');
  const send = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/assign`, { brobyggerId: chosen }), onSuccess: onDone });
  return (
    <form
      className="inline"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <label htmlFor={`assign-${id}`}>{t('queue.assignTo')}</label>
      <select id={`assign-${id}`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">–</option>
        {brobyggere.data?.items.map((b) => (
          <option key={b.id} value={b.id} disabled={b.activeCases >= b.capacity}>
            {t('queue.load', { name: b.displayName, active: b.activeCases, capacity: b.capacity })}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!chosen || send.isPending}>
        {t('queue.assign')}
      </button>
      <ErrorText error={send.error} />
    </form>
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
  const domains = useWheelDomains();
  const reasonLabel = useReasonLabel();
  const [open, setOpen] = useState<'attempt' | 'hold' | null>(null);
  const refresh = () => {
    setOpen(null);
    void client.invalidateQueries({ queryKey: ['case', id] });
    void client.invalidateQueries({ queryKey: ['follow-ups'] });
    void client.invalidateQueries({ queryKey: ['referrals'] });
    void client.invalidateQueries({ queryKey: ['queues'] });
  };
  const resume = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${id}/resume`, {}), onSuccess: refresh });

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
  const o = k.outcomes;
  const scoreData = o?.baseline
    ? [
        { name: 'WHO-5', [t('case.baseline')]: o.baseline.who5Score, [t('case.latest')]: o.latest?.who5Score },
        { name: 'UCLA-3', [t('case.baseline')]: o.baseline.ucla3Score, [t('case.latest')]: o.latest?.ucla3Score },
      ]
    : null;
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
            <dd>{withheld ? t('protection.withheld') : (k.citizen.phone ?? '–')}</dd>
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
            <dd>{[k.referrer.displayName, k.referrer.organisation].filter(Boolean).join(', ')}</dd>
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
          {actions.length === 0 && k.status !== 'linked' && <p>{t('case.noSteps')}</p>}
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
          {open === 'attempt' && <ContactAttemptForm id={id} onDone={refresh} />}
          {open === 'hold' && <HoldForm id={id} onDone={refresh} />}
          {me?.role === 'coordinator' && actions.includes('assign') && <AssignForm id={id} onDone={refresh} />}
          <ErrorText error={resume.error} />
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

      <LinkingPanel k={k} reasonLabel={reasonLabel} onDone={refresh} />

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

      {(lastWheel || scoreData) && (
        <section aria-labelledby="outcomes-h">
          <h2 id="outcomes-h">{t('case.outcomes')}</h2>
          <div className="columns">
            {lastWheel && domains.data && (
              <Wheel domains={domains.data} value={lastWheel} baseline={wheels.length > 1 ? firstWheel : null} />
            )}
            {scoreData && (
              <figure>
                <BarChart width={360} height={240} data={scoreData} accessibilityLayer>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey={t('case.baseline')} fill="#5f6b7a" isAnimationActive={false} />
                  <Bar dataKey={t('case.latest')} fill="#00529b" isAnimationActive={false} />
                </BarChart>
                <figcaption>
                  WHO-5: {o?.baseline?.who5Score ?? '–'} → {o?.latest?.who5Score ?? '–'} · UCLA-3: {o?.baseline?.ucla3Score ?? '–'} →{' '}
                  {o?.latest?.ucla3Score ?? '–'}
                </figcaption>
              </figure>
            )}
          </div>
        </section>
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
