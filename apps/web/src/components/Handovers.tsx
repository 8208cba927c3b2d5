import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, Handover, Page, PlanStep } from '../api';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

/** The consent that decides whether a step may be handed on (ADR 0026), shown where the buttons are. */
export function HandoverConsent({ shareWithHost }: { shareWithHost: boolean }) {
  const { t } = useTranslation();
  return <p className={shareWithHost ? 'notice' : 'notice warn'}>{t(shareWithHost ? 'community.consentYes' : 'community.consentNo')}</p>;
}

/**
 * A plan step's hand-offs: "Send til vært" / "Send til følgeven" (the brobygger gives the
 * first visit and the message the citizen agreed to; the server mails the link), and the
 * hand-offs already sent with their answer.
 */
export function StepHandovers({ caseId, step, shareWithHost }: { caseId: string; step: PlanStep; shareWithHost: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.handovers(caseId),
    queryFn: () => api<Page<Handover>>('GET', `/v1/referrals/${caseId}/handovers`),
  });
  const [to, setTo] = useState<'host' | 'companion' | null>(null);
  const [firstVisitAt, setFirstVisitAt] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () =>
      api<{ id: string; link: string; expiresAt: string }>('POST', `/v1/referrals/${caseId}/plan/steps/${step.id}/handover`, {
        to,
        firstVisitAt: new Date(firstVisitAt).toISOString(),
        ...(message.trim() ? { message: message.trim() } : {}),
      }),
    onSuccess: () => {
      setProblem(null);
      void client.invalidateQueries({ queryKey: queryKeys.handovers(caseId) });
      void client.invalidateQueries({ queryKey: queryKeys.case(caseId) });
    },
    onError: (e) =>
      setProblem(
        e instanceof ApiError && e.status === 409 && JSON.stringify(e.body?.details ?? '').includes('share_with_host')
          ? t('community.missingConsent')
          : e instanceof Error
            ? e.message
            : t('app.error'),
      ),
  });
  if (!step.id || !step.offerId) return null;
  const mine = list.data?.items.filter((h) => h.stepId === step.id) ?? [];
  const recipientName = t(to === 'companion' ? 'community.companion' : 'community.host');
  const formId = `handover-${step.id}`;
  return (
    <div className="handovers">
      <div className="buttons wrap">
        <button
          type="button"
          className="secondary"
          disabled={!shareWithHost || !step.hostId}
          aria-expanded={to === 'host'}
          aria-controls={formId}
          onClick={() => setTo(to === 'host' ? null : 'host')}
        >
          {t('community.sendToHost')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!shareWithHost || !step.companionId}
          aria-expanded={to === 'companion'}
          aria-controls={formId}
          onClick={() => setTo(to === 'companion' ? null : 'companion')}
        >
          {t('community.sendToCompanion')}
        </button>
      </div>
      {!step.hostId && <p className="hint">{t('community.noHostOnStep')}</p>}
      {to && (
        <form
          id={formId}
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!firstVisitAt) return setProblem(t('community.firstVisitRequired'));
            if (!window.confirm(t('community.confirmSend', { name: recipientName.toLowerCase() }))) return;
            send.mutate();
          }}
        >
          <label htmlFor={`${formId}-at`}>{t('community.firstVisitAt')}</label>
          <input id={`${formId}-at`} type="datetime-local" value={firstVisitAt} onChange={(e) => setFirstVisitAt(e.target.value)} />
          <label htmlFor={`${formId}-message`}>{t('community.message')}</label>
          <textarea
            id={`${formId}-message`}
            rows={2}
            maxLength={500}
            value={message}
            aria-describedby={`${formId}-message-hint`}
            onChange={(e) => setMessage(e.target.value)}
          />
          <p id={`${formId}-message-hint`} className="hint">
            {t('community.messageHint')}
          </p>
          <button type="submit" disabled={send.isPending}>
            {t('community.sendLink')}
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {send.data && (
        <p role="status" className="success" data-testid="handover-link">
          {t('community.sentTo', { name: recipientName.toLowerCase() })} {t('community.linkNote', { link: send.data.link })}
        </p>
      )}
      {mine.length > 0 && (
        <ul className="rows" aria-label={t('community.handovers')}>
          {mine.map((h) => (
            <li key={h.id} data-testid="handover-row">
              {t(`community.to.${h.to}`)} {h.recipientName && `(${h.recipientName})`} · {formatDate(h.firstVisitAt, true)} ·{' '}
              {t(`community.states.${h.state}`)}
              {h.answer && ` · ${t(`publicLink.answers.${h.answer}`)}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
