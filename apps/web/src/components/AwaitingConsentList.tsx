import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, CaseSummary, Page } from '../api';
import { formatDate } from '../i18n';
import { queryKeys, useReasonLabel } from '../queries';
import { ErrorText, Loading } from './Layout';

/**
 * Public referrals waiting for a brobygger's first call (ADR 0030): whom each is about,
 * why, where and since when; the case page records consent, a no, or spam.
 */
export function AwaitingConsentList() {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  const list = useQuery({
    queryKey: queryKeys.referrals.awaitingConsent,
    queryFn: () => api<Page<CaseSummary>>('GET', '/v1/referrals?status=awaiting_consent&limit=100&sort=createdAt'),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorText error={list.error} />;
  if (list.data.items.length === 0) return <p>{t('queue.empty')}</p>;
  return (
    <ul className="rows">
      {list.data.items.map((c) => (
        <li key={c.id} data-testid="awaiting-consent-row">
          <div>
            <Link to={`/sager/${c.id}`}>{c.citizen.name}</Link> · {c.area?.name ?? '–'} · {formatDate(c.createdAt)}
            <br />
            <span className="muted">{c.reasons.map(reasonLabel).join(', ')}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
