import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, CaseSummary } from '../api';
import { useAuth } from '../auth';
import { formatDate } from '../i18n';
import { queryKeys, useReasonLabel } from '../queries';
import { CaseRows } from './CaseRows';
import { ConfirmButton } from './Confirm';
import { JoinCitizen } from './JoinCitizen';
import { ErrorText } from './Layout';

/**
 * Public referrals waiting for a brobygger's first call (ADR 0030): whom each is about,
 * why, where and since when; the case page records consent or a no. A coordinator
 * rejects spam from the row (asked first: it is erased at once) or joins a referral
 * made without a CPR number to a citizen Bro knows (ADR 0033).
 */
export function AwaitingConsentList() {
  const reasonLabel = useReasonLabel();
  const { me } = useAuth();
  const coordinator = me?.role === 'coordinator';
  return (
    <CaseRows
      queryKey={queryKeys.referrals.awaitingConsent}
      status="awaiting_consent"
      testId="awaiting-consent-row"
      row={(c) => (
        <>
          <div>
            <Link to={`/sager/${c.id}`}>{c.citizen.name}</Link> · {c.area?.name ?? '–'} · {formatDate(c.createdAt)}
            <br />
            <span className="muted">{c.reasons.map(reasonLabel).join(', ')}</span>
          </div>
          {coordinator && <CoordinatorActions c={c} />}
        </>
      )}
    />
  );
}

function CoordinatorActions({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: queryKeys.referrals.all });
    void client.invalidateQueries({ queryKey: queryKeys.queues.all });
  };
  const spam = useMutation({ mutationFn: () => api('POST', `/v1/referrals/${c.id}/spam`, {}), onSuccess: done });
  return (
    <div className="buttons wrap">
      <ConfirmButton
        className="secondary"
        label={t('firstContact.spam')}
        question={t('firstContact.askSpam')}
        yes={t('firstContact.confirmSpam')}
        disabled={spam.isPending}
        onConfirm={() => spam.mutate()}
      />
      <JoinCitizen id={c.id} onDone={done} />
      <ErrorText error={spam.error} />
    </div>
  );
}
