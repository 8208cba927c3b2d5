import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, InboxMessage, Page } from '../api';
import { useAuth } from '../auth';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

/** The words of a message's body the bell shows: a milestone, or a follow-up's kind. */
const bodyWord = (m: InboxMessage, key: 'milestone' | 'kind') => (typeof m.body[key] === 'string' ? m.body[key] : '');

/** When the user last opened the bell, per user, in this browser: the api keeps no read flag, so "unread" is "newer than that". */
const seenKey = (userId: string) => `bro.notifications.seen.${userId}`;

/**
 * The bell: the caller's own messages (`GET /v1/notifications`: a follow-up fallen
 * due, news of a referral), with the count of those not seen yet. Checked every
 * minute; opening it marks them seen.
 */
export function Bell() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState(() => (me ? (localStorage.getItem(seenKey(me.id)) ?? '') : ''));
  const panel = useRef<HTMLDivElement>(null);
  const inbox = useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => api<Page<InboxMessage>>('GET', '/v1/notifications?limit=20'),
    refetchInterval: 60_000,
  });
  const items = inbox.data?.items ?? [];
  const unread = items.filter((m) => m.createdAt > seen).length;
  useEffect(() => {
    if (!open || !me || items.length === 0) return;
    localStorage.setItem(seenKey(me.id), items[0].createdAt);
  }, [open, me, items]);
  const toggle = () => {
    if (open) setSeen(items[0]?.createdAt ?? seen);
    setOpen(!open);
  };
  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        aria-label={unread > 0 ? t('shell.notificationsUnread', { count: unread }) : t('shell.notifications')}
        onClick={toggle}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="bell-panel" className="bell-panel" ref={panel}>
          <h2>{t('shell.notifications')}</h2>
          {items.length === 0 ? (
            <p>{t('shell.noNotifications')}</p>
          ) : (
            <ul>
              {items.map((m) => (
                <li key={m.id} className={m.createdAt > seen ? 'unread' : undefined}>
                  <Link to={m.kind === 'referrer_milestone' || !m.referralId ? '/henvisninger' : `/sager/${m.referralId}`} onClick={toggle}>
                    {t(`notifications.${m.kind}`, {
                      defaultValue: t('notifications.other'),
                      milestone: t(`status.${bodyWord(m, 'milestone')}`, { defaultValue: '' }),
                      kind: t(`followUps.kinds.${bodyWord(m, 'kind')}`, { defaultValue: '' }),
                    })}
                  </Link>{' '}
                  <span className="muted">{formatDate(m.createdAt, true)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
