import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { ConfirmButton } from '../components/Confirm';
import { ErrorText } from '../components/Layout';
import { useCase } from '../queries';

const OUTCOMES = ['goal_reached', 'declined', 'unreachable', 'moved', 'other'] as const;

/** Closing a case with its outcome and, if the citizen approves it, a summary for the referrer. */
export function ClosePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const c = useCase(id);
  // Nothing chosen beforehand: a pre-selected outcome would be counted when nobody chose it.
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | null>(null);
  const [missing, setMissing] = useState(false);
  const [summary, setSummary] = useState('');
  const [approved, setApproved] = useState(false);
  const close = useMutation({
    mutationFn: () =>
      api('POST', `/v1/referrals/${id}/close`, { outcome, ...(summary ? { summary, summaryApprovedByCitizen: approved } : {}) }),
    onSuccess: async () => {
      await client.invalidateQueries();
      await navigate(`/sager/${id}`);
    },
  });
  return (
    <section>
      <p>
        <Link to={`/sager/${id}`}>← {c.data?.citizen.name}</Link>
      </p>
      <h1>{t('close.title')}</h1>
      <form onSubmit={(e: FormEvent) => e.preventDefault()}>
        <fieldset aria-describedby={missing ? 'outcome-missing' : undefined}>
          <legend>{t('close.outcome')}</legend>
          {missing && !outcome && (
            <p id="outcome-missing" className="error" role="alert">
              {t('work.chooseOutcome')}
            </p>
          )}
          {OUTCOMES.map((o) => (
            <label key={o} className="check">
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {t(`outcome.${o}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="summary">{t('close.summary')}</label>
        <textarea id="summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} aria-describedby="summary-help" />
        <p id="summary-help" className="hint">
          {t('close.summaryHelp')}
        </p>
        <label className="check">
          <input type="checkbox" checked={approved} onChange={(e) => setApproved(e.target.checked)} disabled={!summary} />
          {t('close.approved')}
        </label>
        <div className="buttons">
          {outcome ? (
            <ConfirmButton
              label={t('close.submit')}
              question={t('work.confirmClose', { outcome: t(`outcome.${outcome}`) })}
              yes={t('work.yesClose')}
              disabled={close.isPending}
              onConfirm={() => close.mutate()}
            />
          ) : (
            <button type="button" onClick={() => setMissing(true)}>
              {t('close.submit')}
            </button>
          )}
        </div>
        <ErrorText error={close.error} />
      </form>
    </section>
  );
}
