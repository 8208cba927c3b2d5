import { useMutation } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, CaseSummary, JoinCitizenResult, Page } from '../api';
import { cprLooksValid } from '../cpr';
import { ConfirmButton } from './Confirm';
import { ErrorText } from './Layout';

/**
 * A coordinator's decision that a public referral made without a CPR number is about a
 * citizen Bro knows (ADR 0033): type the CPR number, see whom the search finds, confirm.
 * The number stays in memory and in request bodies, never in a URL.
 */
export function JoinCitizen({ id, onDone }: { id: string; onDone: (r: JoinCitizenResult) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [cpr, setCpr] = useState('');
  const [tried, setTried] = useState(false);
  const search = useMutation({ mutationFn: (c: string) => api<Page<CaseSummary>>('POST', '/v1/referrals/search', { cpr: c }) });
  const join = useMutation({
    mutationFn: () => api<JoinCitizenResult>('POST', `/v1/referrals/${id}/citizen`, { cpr: cpr.replace(/[\s-]/g, '') }),
    onSuccess: onDone,
  });
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="join-citizen">
        {t('joinCitizen.open')}
      </button>
    );
  }
  const valid = cprLooksValid(cpr);
  const find = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (valid) search.mutate(cpr.replace(/[\s-]/g, ''));
  };
  // The search lists cases; the citizen is the one they share (own cases only: the held referral itself is left out).
  const found = search.data?.items.find((c) => c.id !== id);
  return (
    <form className="panel" onSubmit={find} noValidate aria-label={t('joinCitizen.title')}>
      <p className="muted">{t('joinCitizen.help')}</p>
      <label htmlFor={inputId}>{t('joinCitizen.cpr')}</label>
      <div className="buttons wrap">
        <input
          id={inputId}
          inputMode="numeric"
          autoComplete="off"
          value={cpr}
          aria-invalid={tried && !valid}
          onChange={(e) => (setCpr(e.target.value), search.reset())}
        />
        <button type="submit" className="secondary" disabled={search.isPending}>
          {t('joinCitizen.find')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('app.cancel')}
        </button>
      </div>
      {tried && !valid && (
        <p role="alert" className="error">
          {t('joinCitizen.invalid')}
        </p>
      )}
      {search.data && !found && <p role="status">{t('joinCitizen.none')}</p>}
      {found && (
        <div role="status">
          <p>{t('joinCitizen.found', { name: found.citizen.name, status: t(`status.${found.status}`) })}</p>
          <ConfirmButton
            label={t('joinCitizen.join')}
            question={t('joinCitizen.ask', { name: found.citizen.name })}
            yes={t('joinCitizen.confirm')}
            disabled={join.isPending}
            onConfirm={() => join.mutate()}
          />
        </div>
      )}
      {join.error instanceof ApiError && join.error.status === 409 ? (
        <p role="alert" className="error">
          {t('joinCitizen.conflict')}
        </p>
      ) : (
        <ErrorText error={search.error ?? join.error} />
      )}
    </form>
  );
}
