import { CASEWORK_STATUSES, REFERRAL_STATUSES } from '@bro/case-kernel';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, CaseSummary, FollowUp, Page } from '../api';
import { AddressProtectedBadge } from '../components/AddressProtected';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { AwaitingConsentList } from './Dashboard';

type Sort = 'next' | 'status' | 'age';
/** Cases being worked first, then the rest in lifecycle order. */
const STATUS_ORDER: readonly string[] = [...CASEWORK_STATUSES, ...REFERRAL_STATUSES.filter((s) => !CASEWORK_STATUSES.includes(s))];

/** "Mine borgere": the brobygger's caseload with each case's next open follow-up. */
export function Caseload() {
  const { t } = useTranslation();
  const [sort, setSort] = useState<Sort>('next');
  const cases = useQuery({
    queryKey: ['referrals', 'me'],
    queryFn: () => api<Page<CaseSummary>>('GET', '/v1/referrals?assignee=me&limit=200'),
  });
  const followUps = useQuery({
    queryKey: ['follow-ups', 'open', 'me'],
    queryFn: () => api<Page<FollowUp>>('GET', '/v1/follow-ups?view=open&assignee=me&limit=200'),
  });
  if (cases.isPending || followUps.isPending) return <Loading />;
  if (cases.error || followUps.error) return <ErrorText error={cases.error ?? followUps.error} />;

  const now = Date.now();
  const next = new Map<string, FollowUp>();
  for (const f of followUps.data.items) if (!next.has(f.referralId)) next.set(f.referralId, f); // sorted by due time
  const due = (id: string) => (next.get(id) ? Date.parse(next.get(id)!.dueAt) : Infinity);
  const rows = [...cases.data.items].sort((a, b) => {
    if (sort === 'next') return due(a.id) - due(b.id);
    if (sort === 'status') return STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
    return Date.parse(a.createdAt) - Date.parse(b.createdAt);
  });

  return (
    <section>
      <h1>{t('caseload.title')}</h1>
      <label>
        {t('caseload.sortBy')}{' '}
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
          {(['next', 'status', 'age'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`caseload.sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {/* Public referrals of the brobygger's areas waiting for a first call (ADR 0030). */}
      <h2>{t('dashboard.awaitingConsent')}</h2>
      <AwaitingConsentList />
      <h2>{t('caseload.title')}</h2>
      {rows.length === 0 ? (
        <p>{t('caseload.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('caseload.citizen')}</th>
              <th scope="col">{t('caseload.status')}</th>
              <th scope="col">{t('caseload.next')}</th>
              <th scope="col">{t('caseload.age')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const f = next.get(c.id);
              const overdue = f ? Date.parse(f.dueAt) < now : false;
              return (
                <tr key={c.id} className={overdue ? 'overdue' : undefined}>
                  <td>
                    <Link to={`/sager/${c.id}`}>{c.citizen.name}</Link> <span className="muted">{c.citizen.cpr}</span>
                    <AddressProtectedBadge marked={c.citizen.addressProtected} />
                  </td>
                  <td>
                    <span className={`badge status-${c.status}`}>{t(`status.${c.status}`)}</span>
                    {c.needsAttention && <span className="badge warn">{t('caseload.needsAttention')}</span>}
                  </td>
                  <td>
                    {f ? `${t(`followUps.kinds.${f.kind}`)} · ${formatDate(f.dueAt)}` : '–'}
                    {overdue && <span className="badge danger">{t('caseload.overdue')}</span>}
                  </td>
                  <td>{t('caseload.days', { count: Math.floor((now - Date.parse(c.createdAt)) / 86_400_000) })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
