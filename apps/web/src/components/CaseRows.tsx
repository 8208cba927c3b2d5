import { QueryKey, useQuery } from '@tanstack/react-query';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, CaseSummary, Page } from '../api';
import { ErrorText, Loading } from './Layout';

/**
 * A queue of cases as rows (the dashboard's queues, the awaiting-consent list): the list
 * loaded, its waiting, error and empty states, and one `<li>` per case whose content the
 * caller gives.
 */
export function CaseRows({
  queryKey,
  status,
  testId,
  row,
}: {
  queryKey: QueryKey;
  status: string;
  testId: string;
  row: (c: CaseSummary) => ReactNode;
}) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey,
    queryFn: () => api<Page<CaseSummary>>('GET', `/v1/referrals?status=${status}&limit=100&sort=createdAt`),
  });
  if (list.isPending) return <Loading />;
  if (list.error) return <ErrorText error={list.error} />;
  if (list.data.items.length === 0) return <p>{t('queue.empty')}</p>;
  return (
    <ul className="rows">
      {list.data.items.map((c) => (
        <li key={c.id} data-testid={testId}>
          {row(c)}
        </li>
      ))}
    </ul>
  );
}
