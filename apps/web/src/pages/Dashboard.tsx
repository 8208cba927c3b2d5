import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, Brobygger, CaseSummary, FollowUp, Page, QueueSummary, UndeliveredMessage } from '../api';
import { AddressProtectedBadge } from '../components/AddressProtected';
import { CaseloadBars } from '../components/CaseloadBars';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { AssignForm } from '../components/AssignForm';
import { AwaitingConsentList } from '../components/AwaitingConsentList';
import { CaseRows } from '../components/CaseRows';
import { queryKeys } from '../queries';

export const QUEUES = ['unassigned', 'firstContactDue', 'dueToday', 'overdue', 'escalated'] as const;
export type QueueName = (typeof QUEUES)[number] | 'possibleDuplicates' | 'awaitingConsent';
/** Not a queue of cases: e-mails the mail server refused for good (coordinators only, ADR 0017). */
const UNDELIVERED = 'undeliveredMessages';

/** The coordinator's overview: queue counts that open their lists, and caseload per brobygger. */
export function Dashboard() {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: queryKeys.queues.summary,
    queryFn: () => api<QueueSummary>('GET', '/v1/queues/summary'),
    refetchInterval: 15_000,
  });
  const brobyggere = useQuery({ queryKey: queryKeys.brobyggere, queryFn: () => api<Page<Brobygger>>('GET', '/v1/brobyggere?limit=200') });
  // "Mulig dublet": another clinic's referrals of citizens with an open case, waiting for a decision (ADR 0014).
  const duplicates = useQuery({
    queryKey: queryKeys.referrals.possibleDuplicateCount,
    queryFn: () => api<Page<CaseSummary>>('GET', '/v1/referrals?status=possible_duplicate&limit=1'),
    refetchInterval: 15_000,
  });
  if (summary.isPending) return <Loading />;
  if (summary.error) return <ErrorText error={summary.error} />;
  const names = new Map(brobyggere.data?.items.map((b) => [b.id, b.displayName]));
  const caseload = (summary.data.caseload ?? []).map((c) => ({
    id: c.brobyggerId,
    name: names.get(c.brobyggerId) ?? '…',
    active: c.activeCases,
    capacity: c.capacity,
  }));
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <h2>{t('dashboard.queues')}</h2>
      <ul className="tiles">
        {QUEUES.map((q) => (
          <li key={q}>
            <Link
              to={`/koer/${q}`}
              className={`tile ${summary.data[q] > 0 && (q === 'overdue' || q === 'escalated') ? 'tile-alert' : ''}`}
              data-testid={`queue-${q}`}
            >
              <span className="count">{summary.data[q]}</span>
              <span>{t(`dashboard.${q}`)}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link
            to="/koer/possibleDuplicates"
            className={`tile ${(duplicates.data?.total ?? 0) > 0 ? 'tile-alert' : ''}`}
            data-testid="queue-possibleDuplicates"
          >
            <span className="count">{duplicates.data?.total ?? '…'}</span>
            <span>{t('dashboard.possibleDuplicates')}</span>
          </Link>
        </li>
        <li>
          <Link
            to="/koer/awaitingConsent"
            className={`tile ${summary.data.awaitingConsent > 0 ? 'tile-alert' : ''}`}
            data-testid="queue-awaitingConsent"
          >
            <span className="count">{summary.data.awaitingConsent}</span>
            <span>{t('dashboard.awaitingConsent')}</span>
          </Link>
        </li>
        {summary.data.undeliveredMessages !== undefined && (
          <li>
            <Link
              to={`/koer/${UNDELIVERED}`}
              className={`tile ${summary.data.undeliveredMessages > 0 ? 'tile-alert' : ''}`}
              data-testid={`queue-${UNDELIVERED}`}
            >
              <span className="count">{summary.data.undeliveredMessages}</span>
              <span>{t(`dashboard.${UNDELIVERED}`)}</span>
            </Link>
          </li>
        )}
      </ul>
      <h2>{t('dashboard.caseload')}</h2>
      <CaseloadBars caseload={caseload} />
    </section>
  );
}

const FOLLOW_UP_QUERY: Record<Exclude<QueueName, 'unassigned' | 'possibleDuplicates' | 'awaitingConsent'>, string> = {
  firstContactDue: 'view=open&kind=first_contact',
  dueToday: 'view=due_today',
  overdue: 'view=overdue',
  escalated: 'view=escalated',
};

function UnassignedList() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const done = () => {
    void client.invalidateQueries({ queryKey: queryKeys.referrals.all });
    void client.invalidateQueries({ queryKey: queryKeys.queues.all });
    void client.invalidateQueries({ queryKey: queryKeys.brobyggere });
  };
  return (
    <CaseRows
      queryKey={queryKeys.referrals.unassigned}
      status="unassigned"
      testId="unassigned-row"
      row={(c) => (
        <>
          <div>
            <Link to={`/sager/${c.id}`}>{c.citizen.name}</Link> <span className="muted">{c.citizen.cpr}</span>{' '}
            <AddressProtectedBadge marked={c.citizen.addressProtected} /> · {c.area?.name ?? '–'} · {formatDate(c.createdAt)}
            <br />
            <span className="muted">
              {t('queue.unassignedReason')}:{' '}
              {c.unassignedReason ? t(`queue.reasons.${c.unassignedReason}`, { defaultValue: c.unassignedReason }) : '–'}
            </span>
          </div>
          <Suspense fallback={<Loading />}>
            <AssignForm id={c.id} onDone={done} />
          </Suspense>
        </>
      )}
    />
  );
}

/** Referrals held as possible duplicates; each opens on its case page, where it is decided. */
function PossibleDuplicateList() {
  const { t } = useTranslation();
  return (
    <CaseRows
      queryKey={queryKeys.referrals.possibleDuplicates}
      status="possible_duplicate"
      testId="possible-duplicate-row"
      row={(c) => (
        <div>
          <Link to={`/sager/${c.id}`}>{c.citizen.name}</Link> <span className="muted">{c.citizen.cpr}</span> ·{' '}
          {t('linking.from', {
            organisation: c.referrer?.organisation ?? t('linking.unknownOrganisation'),
            date: formatDate(c.createdAt),
          })}
          {c.duplicateOf && (
            <>
              <br />
              <Link to={`/sager/${c.duplicateOf.id}`}>{t('linking.existingCase')}</Link>{' '}
              <span className="muted">· {t(`status.${c.duplicateOf.status}`)}</span>
            </>
          )}
        </div>
      )}
    />
  );
}

function FollowUpQueue({ name }: { name: Exclude<QueueName, 'unassigned' | 'possibleDuplicates' | 'awaitingConsent'> }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.followUps.queue(name),
    queryFn: () => api<Page<FollowUp>>('GET', `/v1/follow-ups?${FOLLOW_UP_QUERY[name]}&limit=100`),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorText error={list.error} />;
  if (list.data.items.length === 0) return <p>{t('queue.empty')}</p>;
  return (
    <ul className="rows">
      {list.data.items.map((f) => (
        <li key={f.id} data-testid="queue-follow-up">
          <span>
            <strong>
              <Link to={`/sager/${f.referralId}`}>{f.citizen?.name ?? t('work.noName')}</Link>
            </strong>{' '}
            {f.citizen?.cpr && <span className="muted">{f.citizen.cpr}</span>}
            <br />
            {t(`followUps.kinds.${f.kind}`)} · {t('followUps.due')} {formatDate(f.dueAt, true)} · {t('work.brobygger')}:{' '}
            {f.assignee?.displayName ?? t('work.unassigned')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** E-mails that could not be delivered: who, what, why (an error code) — the inbox in Bro still has them. */
function UndeliveredList() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.undeliveredMessages,
    queryFn: () => api<Page<UndeliveredMessage>>('GET', '/v1/notifications/undelivered?limit=100'),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorText error={list.error} />;
  if (list.data.items.length === 0) return <p>{t('queue.empty')}</p>;
  return (
    <>
      <p>{t('queue.undelivered.help')}</p>
      <ul className="rows">
        {list.data.items.map((m) => (
          <li key={m.id} data-testid="undelivered-row">
            <div>
              {m.subject}
              <br />
              <span className="muted">
                {t('queue.undelivered.recipient')}: {m.recipient?.displayName ?? t('queue.undelivered.citizenSms')} ·{' '}
                {t('queue.undelivered.error')}: {m.lastErrorCode ?? '–'} ({m.deliveryAttempts} {t('queue.undelivered.attempts')}) ·{' '}
                {t('queue.undelivered.lastAttempt')}: {m.lastAttemptAt ? formatDate(m.lastAttemptAt, true) : '–'}
              </span>
            </div>
            {m.referralId && <Link to={`/sager/${m.referralId}`}>{t('queue.case')}</Link>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One queue's list, opened from the dashboard. */
export function QueuePage() {
  const { name = 'unassigned' } = useParams();
  const { t } = useTranslation();
  if (name === UNDELIVERED) {
    return (
      <section>
        <p>
          <Link to="/overblik">← {t('dashboard.title')}</Link>
        </p>
        <h1>{t(`dashboard.${UNDELIVERED}`)}</h1>
        <UndeliveredList />
      </section>
    );
  }
  const queue: QueueName =
    name === 'possibleDuplicates' || name === 'awaitingConsent'
      ? name
      : (QUEUES as readonly string[]).includes(name)
        ? (name as QueueName)
        : 'unassigned';
  return (
    <section>
      <p>
        <Link to="/overblik">← {t('dashboard.title')}</Link>
      </p>
      <h1>{t(`dashboard.${queue}`)}</h1>
      {queue === 'unassigned' ? (
        <UnassignedList />
      ) : queue === 'possibleDuplicates' ? (
        <PossibleDuplicateList />
      ) : queue === 'awaitingConsent' ? (
        <AwaitingConsentList />
      ) : (
        <FollowUpQueue name={queue} />
      )}
    </section>
  );
}
