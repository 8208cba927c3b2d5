import { QueryKey, useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, HandoverAnswer, HandoverPageData, OfferCheckData } from '../api';
import { Loading } from '../components/Layout';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

const ANSWERS: HandoverAnswer[] = ['attended', 'continuing', 'did_not_attend', 'cannot_receive'];

/**
 * The pages a host or følgeven opens from Bro's mail — no login, the link is the key:
 * `/v/<token>` (a hand-off) and `/tjek/<token>` (an offer check). Plain Danish, one
 * column, large targets: most open them on a phone. The token never leaves for a third
 * party (no referrer), and nothing is kept in the browser.
 */
export function publicLinkPage(pathname: string): ReactNode | null {
  const handover = /^\/v\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (handover) return <HandoverPage token={handover[1]} />;
  const check = /^\/tjek\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (check) return <OfferCheckPage token={check[1]} />;
  return null;
}

function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Bro`;
    const meta = document.createElement('meta');
    meta.name = 'referrer';
    meta.content = 'no-referrer';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, [title]);
  return (
    <div className="public-link">
      <header>
        <p className="brand">{t('publicLink.brand')}</p>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}

/** What went wrong, in Danish, saying what to do. */
function problemText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return t('publicLink.notFound');
    if (error.status === 410) return t('publicLink.gone');
    if (error.status === 429) return t('publicLink.tooMany');
  }
  return t('publicLink.failed');
}

/**
 * A link page's data (no retry: a 404 or 410 stays so). Until it is there, `fallback` is
 * what to show instead: the wait, or the problem in Danish in the plain shell.
 */
function useLinkData<T>(queryKey: QueryKey, url: string): { data: T; fallback: null } | { data: undefined; fallback: ReactNode } {
  const { t } = useTranslation();
  const page = useQuery({ queryKey, queryFn: () => api<T>('GET', url), retry: false });
  if (page.isPending) return { data: undefined, fallback: <Loading /> };
  if (page.isError)
    return {
      data: undefined,
      fallback: (
        <PublicShell title={t('publicLink.brand')}>
          <h1>{t('publicLink.brand')}</h1>
          <Problem text={problemText(page.error, t)} />
        </PublicShell>
      ),
    };
  return { data: page.data, fallback: null };
}

/** The answer a link page sends, and what went wrong with it (or with the form) in Danish. */
function useLinkAnswer<T>(mutationFn: () => Promise<T>) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({ mutationFn, onError: (e) => setProblem(problemText(e, t)), onSuccess: () => setProblem(null) });
  return { send, problem, setProblem };
}

function Problem({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" className="error">
      {text}
    </p>
  ) : null;
}

function HandoverPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const page = useLinkData<HandoverPageData>(queryKeys.handover(token), `/v1/handover/${token}`);
  const [answer, setAnswer] = useState<HandoverAnswer | ''>('');
  const [note, setNote] = useState('');
  const { send, problem, setProblem } = useLinkAnswer(() =>
    api<HandoverPageData>('POST', `/v1/handover/${token}/answer`, { answer, ...(note.trim() ? { note: note.trim() } : {}) }),
  );
  if (page.data === undefined) return page.fallback;
  const d = page.data;
  const name = d.firstName ?? t('publicLink.someone');
  const title = t(d.recipient === 'host' ? 'publicLink.hostTitle' : 'publicLink.companionTitle', { name });
  const current = send.data?.answer ?? d.answer;
  return (
    <PublicShell title={title}>
      <h1>{title}</h1>
      <p>{t(d.recipient === 'host' ? 'publicLink.hostIntro' : 'publicLink.companionIntro', { name })}</p>
      <dl className="facts-list">
        {d.offer && (
          <>
            <dt>{t('publicLink.offer')}</dt>
            <dd>
              {d.offer.name}
              {d.offer.organisation && ` (${d.offer.organisation})`}
            </dd>
          </>
        )}
        <dt>{t('publicLink.firstVisit')}</dt>
        <dd>{formatDate(d.firstVisit.at, true)}</dd>
        {d.firstVisit.place && (
          <>
            <dt>{t('publicLink.place')}</dt>
            <dd>{d.firstVisit.place}</dd>
          </>
        )}
        <dt>{t('publicLink.companion')}</dt>
        <dd>{d.companion ? d.companion.firstName : t('publicLink.noCompanion')}</dd>
        {d.message && (
          <>
            <dt>{t('publicLink.message')}</dt>
            <dd>{d.message}</dd>
          </>
        )}
      </dl>
      {send.isSuccess && (
        <p role="status" className="success">
          {t('publicLink.thanks')}
        </p>
      )}
      {current && !send.isSuccess && <p>{t('publicLink.answered', { answer: t(`publicLink.answers.${current}`) })}</p>}
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!answer) return setProblem(t('publicLink.chooseAnswer'));
          send.mutate();
        }}
      >
        <fieldset>
          <legend>{t('publicLink.question')}</legend>
          {ANSWERS.map((a) => (
            <label key={a} className="choice">
              <input type="radio" name="answer" value={a} checked={answer === a} onChange={() => setAnswer(a)} />
              {t(`publicLink.answers.${a}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor="answer-note">{t('publicLink.note')}</label>
        <textarea
          id="answer-note"
          value={note}
          maxLength={500}
          rows={3}
          aria-describedby="answer-note-hint"
          onChange={(e) => setNote(e.target.value)}
        />
        <p id="answer-note-hint" className="hint">
          {t('publicLink.noteHint')}
        </p>
        <Problem text={problem} />
        <button type="submit" className="wide" disabled={send.isPending}>
          {t('publicLink.send')}
        </button>
      </form>
      <p className="muted">{t('publicLink.personal')}</p>
    </PublicShell>
  );
}

function OfferCheckPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const page = useLinkData<OfferCheckData>(queryKeys.offerCheck(token), `/v1/offer-check/${token}`);
  const [running, setRunning] = useState<'' | 'yes' | 'no'>('');
  const [freePlaces, setFreePlaces] = useState('');
  const [schedule, setSchedule] = useState('');
  const [note, setNote] = useState('');
  const { send, problem, setProblem } = useLinkAnswer(() =>
    api<OfferCheckData>('POST', `/v1/offer-check/${token}`, {
      running: running === 'yes',
      ...(freePlaces.trim() ? { freePlaces: Number(freePlaces) } : {}),
      ...(schedule.trim() ? { schedule: schedule.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }),
  );
  if (page.data === undefined) return page.fallback;
  const { offer } = page.data;
  const title = t('publicLink.checkTitle', { name: offer.name });
  return (
    <PublicShell title={title}>
      <h1>{title}</h1>
      <p>{t('publicLink.checkIntro')}</p>
      <dl className="facts-list">
        <dt>{t('publicLink.offer')}</dt>
        <dd>
          {offer.name} ({offer.organisation})
        </dd>
        {offer.schedule && (
          <>
            <dt>{t('publicLink.schedule')}</dt>
            <dd>{offer.schedule}</dd>
          </>
        )}
      </dl>
      {send.isSuccess ? (
        <p role="status" className="success">
          {t(send.data.running ? 'publicLink.checkThanks' : 'publicLink.checkPaused')}
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            if (!running) return setProblem(t('publicLink.chooseRunning'));
            if (freePlaces.trim() && !/^\d{1,4}$/.test(freePlaces.trim())) return setProblem(t('publicLink.freePlacesInvalid'));
            send.mutate();
          }}
        >
          <fieldset>
            <legend>{t('publicLink.running')}</legend>
            <label className="choice">
              <input type="radio" name="running" value="yes" checked={running === 'yes'} onChange={() => setRunning('yes')} />
              {t('publicLink.runningYes')}
            </label>
            <label className="choice">
              <input type="radio" name="running" value="no" checked={running === 'no'} onChange={() => setRunning('no')} />
              {t('publicLink.runningNo')}
            </label>
          </fieldset>
          {running !== 'no' && (
            <>
              <label htmlFor="check-free">{t('publicLink.freePlaces')}</label>
              <input
                id="check-free"
                inputMode="numeric"
                value={freePlaces}
                aria-describedby="check-free-hint"
                onChange={(e) => setFreePlaces(e.target.value)}
              />
              <p id="check-free-hint" className="hint">
                {t('publicLink.freePlacesHint')}
              </p>
              <label htmlFor="check-schedule">{t('publicLink.newSchedule')}</label>
              <input id="check-schedule" value={schedule} maxLength={500} onChange={(e) => setSchedule(e.target.value)} />
            </>
          )}
          <label htmlFor="check-note">{t('publicLink.checkNote')}</label>
          <textarea id="check-note" value={note} maxLength={1000} rows={3} onChange={(e) => setNote(e.target.value)} />
          <Problem text={problem} />
          <button type="submit" className="wide" disabled={send.isPending}>
            {t('publicLink.checkSend')}
          </button>
        </form>
      )}
    </PublicShell>
  );
}
