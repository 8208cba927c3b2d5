import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FollowUp, Page } from '../api';
import { ConfirmButton } from '../components/Confirm';
import { ErrorText, Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';
import { MeasurementForm } from '../components/MeasurementForm';

/**
 * The measurements 3 and 9 months after the first conversation, completed with the
 * answers or as declined/unreachable, and the final measurement at closing (issue 15).
 */
const MEASUREMENTS = ['measurement_3m', 'measurement_9m', 'outcome_measurement'];

/** How long "Udført" can be taken back before it is sent. */
const UNDO_MS = 5000;

/**
 * "Udført" after a confirmation, held back for a few seconds with "Fortryd": the server
 * has no way back from done, so the way back is not to send it yet. Leaving the page
 * sends what was confirmed.
 */
function useDelayedComplete(onDone: () => void) {
  const [pending, setPending] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const send = useMutation({
    mutationFn: (id: string) => api('POST', `/v1/follow-ups/${id}/complete`, {}),
    onSettled: onDone,
  });
  const flush = useRef<() => void>(() => undefined);
  flush.current = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (pending) send.mutate(pending);
    setPending(null);
  };
  useEffect(() => () => flush.current(), []);
  return {
    pending,
    error: send.error,
    start(id: string) {
      flush.current();
      setPending(id);
      timer.current = setTimeout(() => flush.current(), UNDO_MS);
    },
    undo() {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setPending(null);
    },
  };
}

function FollowUpList({ view, title, mine }: { view: 'due_today' | 'overdue' | 'upcoming'; title: string; mine: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.followUps.view(mine ? `${view}:me` : view),
    queryFn: () => api<Page<FollowUp>>('GET', `/v1/follow-ups?view=${view}&limit=100${mine ? '&assignee=me' : ''}`),
  });
  const complete = useDelayedComplete(() => void client.invalidateQueries({ queryKey: queryKeys.followUps.all }));
  const [measuring, setMeasuring] = useState<string | null>(null);
  return (
    <section aria-labelledby={`fu-${view}`}>
      <h2 id={`fu-${view}`}>
        {title} ({list.data?.total ?? '…'})
      </h2>
      {list.isPending && <Loading />}
      <ErrorText error={list.error ?? complete.error} />
      {list.data && list.data.items.length === 0 && <p>{t('followUps.empty')}</p>}
      <ul className="rows">
        {list.data?.items.map((f) => {
          const kind = t(`followUps.kinds.${f.kind}`);
          const name = f.citizen?.name ?? t('work.noName');
          if (complete.pending === f.id) {
            return (
              <li key={f.id} data-testid={`follow-up-${view}`} className="done-pending">
                <span role="status">{t('work.completedUndo', { kind, name })}</span>
                <button type="button" className="secondary" onClick={() => complete.undo()}>
                  {t('work.undo')}
                </button>
              </li>
            );
          }
          return (
            <li key={f.id} data-testid={`follow-up-${view}`}>
              <span>
                <strong>{f.citizen ? <Link to={`/sager/${f.referralId}`}>{name}</Link> : t('work.noName')}</strong>{' '}
                {f.citizen?.cpr && <span className="muted">{f.citizen.cpr}</span>}
                <br />
                {kind} · {t('followUps.due')} {formatDate(f.dueAt, true)}
                {f.assignee && !mine && (
                  <>
                    {' '}
                    · {t('work.brobygger')}: {f.assignee.displayName ?? '–'}
                  </>
                )}
              </span>
              {!f.citizen && <Link to={`/sager/${f.referralId}`}>{t('followUps.open')}</Link>}
              {MEASUREMENTS.includes(f.kind) ? (
                <button type="button" aria-expanded={measuring === f.id} onClick={() => setMeasuring(measuring === f.id ? null : f.id)}>
                  {t('followUps.measurement.record')}
                </button>
              ) : (
                <ConfirmButton
                  label={t('followUps.complete')}
                  question={t('work.confirmComplete', { kind, name })}
                  yes={t('work.yesComplete')}
                  onConfirm={() => complete.start(f.id)}
                />
              )}
              {measuring === f.id && (
                <MeasurementForm
                  followUp={f}
                  onDone={() => {
                    setMeasuring(null);
                    void client.invalidateQueries({ queryKey: queryKeys.followUps.all });
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Today's, overdue and upcoming follow-ups, each naming its citizen (name, masked CPR),
 * kind and due date, and for coordinators its brobygger; done after a confirmation, with
 * a moment to undo. `mine`: "Mine opfølgninger", the brobygger's own (`assignee=me`).
 */
export function FollowUps({ mine = false }: { mine?: boolean }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{mine ? t('followUps.mine') : t('followUps.title')}</h1>
      {mine && <p className="hint">{t('followUps.mineIntro')}</p>}
      <FollowUpList view="overdue" title={t('followUps.overdue')} mine={mine} />
      <FollowUpList view="due_today" title={t('followUps.today')} mine={mine} />
      <FollowUpList view="upcoming" title={t('followUps.upcoming')} mine={mine} />
    </section>
  );
}
