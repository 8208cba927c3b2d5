import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FollowUp, Page } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';

function FollowUpList({ view, title }: { view: 'due_today' | 'overdue' | 'upcoming'; title: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['follow-ups', view],
    queryFn: () => api<Page<FollowUp>>('GET', `/v1/follow-ups?view=${view}&limit=100`),
  });
  const complete = useMutation({
    mutationFn: (id: string) => api('POST', `/v1/follow-ups/${id}/complete`, {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['follow-ups'] }),
  });
  return (
    <section aria-labelledby={`fu-${view}`}>
      <h2 id={`fu-${view}`}>
        {title} ({list.data?.total ?? '…'})
      </h2>
      {list.isPending && <Loading />}
      <ErrorText error={list.error ?? complete.error} />
      {list.data && list.data.items.length === 0 && <p>{t('followUps.empty')}</p>}
      <ul className="rows">
        {list.data?.items.map((f) => (
          <li key={f.id} data-testid={`follow-up-${view}`}>
            <span>
              {t(`followUps.kinds.${f.kind}`)} · {t('followUps.due')} {formatDate(f.dueAt, true)}
            </span>
            <Link to={`/sager/${f.referralId}`}>{t('followUps.open')}</Link>
            <button type="button" onClick={() => complete.mutate(f.id)} disabled={complete.isPending}>
              {t('followUps.complete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Today's, overdue and upcoming follow-ups; one click completes one. */
export function FollowUps() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('followUps.title')}</h1>
      <FollowUpList view="overdue" title={t('followUps.overdue')} />
      <FollowUpList view="due_today" title={t('followUps.today')} />
      <FollowUpList view="upcoming" title={t('followUps.upcoming')} />
    </section>
  );
}
