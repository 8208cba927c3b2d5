import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, Page, ReferrerView } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { useReasonLabel, queryKeys } from '../queries';

/** "Mine henvisninger": the referrer view of each own referral, as far as the citizen's consent allows, named as the GP referred them. */
export function MyReferrals() {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  const list = useQuery({ queryKey: queryKeys.referrals.mine, queryFn: () => api<Page<ReferrerView>>('GET', '/v1/referrals?limit=100') });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorText error={list.error} />;
  return (
    <section>
      <h1>{t('myReferrals.title')}</h1>
      {list.data.items.length === 0 ? (
        <p>{t('myReferrals.empty')}</p>
      ) : (
        <p className="muted">{t('work.showing', { from: 1, to: list.data.items.length, total: list.data.total })}</p>
      )}
      <ol className="cards">
        {list.data.items.map((r) => (
          <li key={r.id} className="card" data-testid="my-referral">
            <h2>
              {r.citizen?.name ?? t('work.noName')} {r.citizen?.cpr && <span className="muted">{r.citizen.cpr}</span>}
            </h2>
            <p>
              {t('myReferrals.received')} {formatDate(r.milestones[0]?.at)} ·{' '}
              <span className={`badge status-${r.status}`}>{t(`status.${r.status}`)}</span>
              {r.reasons && r.reasons.length > 0 && (
                <>
                  <br />
                  {t('work.reasons')}: {r.reasons.map(reasonLabel).join(', ')}
                </>
              )}
            </p>
            <h3>{t('myReferrals.milestones')}</h3>
            <ol className="milestones">
              {r.milestones.map((m) => (
                <li key={m.status}>
                  {t(`status.${m.status}`)} · {formatDate(m.at, true)}
                  {m.outcome ? ` · ${t(`outcome.${m.outcome}`)}` : ''}
                </li>
              ))}
            </ol>
            {r.summary && (
              <>
                <h3>{t('myReferrals.summary')}</h3>
                <p className="summary">{r.summary}</p>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
