import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, CaseSummary, MedcomInboxItem, MedcomThreadMessage, Page } from '../api';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';
import { describedBy, ErrorSummary, FieldError, FormProblem, Label } from './FormErrors';

const MAX_TEXT = 5000;

/** The 409 codes of a reply (ADR 0028) as the Danish text; any other failure as its message. */
function replyProblem(e: unknown, t: (k: string) => string): string {
  if (e instanceof ApiError) {
    const code = (e.body?.details as { code?: string } | undefined)?.code;
    if (code === 'feedback_summary_consent_required' || code === 'recipient_not_referring_clinic' || code === 'medcom_not_configured')
      return t(`medcom.refused.${code}`);
    if (e.fieldCodes.text) return t('medcom.textInvalid');
  }
  return e instanceof Error ? e.message : t('app.error');
}

/**
 * "Beskeder fra lægen": the case's MedCom thread (ADR 0028), both ways, with line breaks
 * kept and attachments as downloads; the brobygger (and coordinators) may reply to an
 * incoming message — after a confirmation, since it leaves the municipality.
 */
export function MedcomPanel({ caseId, canReply }: { caseId: string; canReply: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const thread = useQuery({
    queryKey: queryKeys.medcom.thread(caseId),
    queryFn: () => api<{ items: MedcomThreadMessage[] }>('GET', `/v1/referrals/${caseId}/messages`),
  });
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => api('POST', `/v1/referrals/${caseId}/messages/${replyTo}/reply`, { text: text.replace(/\r\n?/g, '\n').trim() }),
    onSuccess: () => {
      setReplyTo(null);
      setText('');
      setServerProblem(null);
      setAttempt(0);
      void client.invalidateQueries({ queryKey: queryKeys.medcom.thread(caseId) });
    },
    onError: (e) => setServerProblem(replyProblem(e, t)),
  });
  const items = thread.data?.items ?? [];
  // Not this user's to read (a brobygger of the area looking at a waiting case): no panel at all.
  const hidden = thread.error instanceof ApiError && (thread.error.status === 404 || thread.error.status === 403);
  const textError = attempt > 0 && !text.trim() ? t('medcom.textRequired') : text.length > MAX_TEXT ? t('medcom.textTooLong') : undefined;
  const problems: FormProblem[] = [
    ...(textError ? [{ id: 'medcom-reply-text', label: t('medcom.replyText'), message: textError }] : []),
    ...(serverProblem ? [{ id: 'medcom-reply-text', label: t('medcom.reply'), message: serverProblem }] : []),
  ];
  if (hidden) return null;
  return (
    <section aria-labelledby="medcom-h" className="panel" data-testid="medcom-panel">
      <h2 id="medcom-h">{t('medcom.title')}</h2>
      {thread.isError && <p className="error">{t('app.error')}</p>}
      {thread.isSuccess && items.length === 0 && <p className="hint">{t('medcom.none')}</p>}
      <ol className="medcom-thread">
        {items.map((msg) => (
          <li key={msg.id} data-testid="medcom-message" className={msg.direction}>
            <p>
              <strong>{t(`medcom.direction.${msg.direction}`)}</strong> · {t(`medcom.kind.${msg.kind}`)} · {msg.categoryText}
              {msg.topic && ` · ${msg.topic}`} · <time dateTime={msg.createdAt}>{formatDate(msg.createdAt, true)}</time>
              {msg.direction === 'out' && msg.deliveryStatus && ` · ${t(`medcom.delivery.${msg.deliveryStatus}`)}`}
            </p>
            <p className="hint">
              {msg.direction === 'in' ? t('medcom.from') : t('medcom.to')}:{' '}
              {(msg.direction === 'in' ? msg.sender.name : msg.recipient.name) ?? t('medcom.unknown')}
            </p>
            {msg.segments.map((s, i) => (
              <div key={i} className="medcom-segment">
                <p className="hint">
                  {s.author ?? t('medcom.unknown')}
                  {s.authorContact && ` (${s.authorContact})`} · {formatDate(s.date, true)}
                </p>
                <p className="text">{s.text}</p>
              </div>
            ))}
            {msg.attachments.length > 0 && (
              <ul aria-label={t('medcom.attachments')}>
                {msg.attachments.map((a, i) => (
                  <li key={i}>
                    {a.downloadUrl ? (
                      <a href={a.downloadUrl} download={a.title}>
                        {a.title}
                      </a>
                    ) : a.url ? (
                      <a href={a.url} rel="noreferrer noopener" target="_blank">
                        {a.title}
                      </a>
                    ) : (
                      a.title
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canReply && msg.direction === 'in' && replyTo !== msg.id && (
              <button type="button" className="secondary" onClick={() => (setReplyTo(msg.id), setServerProblem(null), setAttempt(0))}>
                {t('medcom.reply')}
              </button>
            )}
            {canReply && replyTo === msg.id && (
              <form
                noValidate
                aria-labelledby={`medcom-reply-h-${msg.id}`}
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  setAttempt((a) => a + 1);
                  setServerProblem(null);
                  if (!text.trim() || text.length > MAX_TEXT) return;
                  if (!window.confirm(t('medcom.confirm', { name: msg.sender.name ?? t('medcom.unknown') }))) return;
                  send.mutate();
                }}
              >
                <h3 id={`medcom-reply-h-${msg.id}`}>{t('medcom.replyTo', { name: msg.sender.name ?? t('medcom.unknown') })}</h3>
                <ErrorSummary problems={problems} attempt={attempt} />
                <Label htmlFor="medcom-reply-text" required>
                  {t('medcom.replyText')}
                </Label>
                <textarea
                  id="medcom-reply-text"
                  rows={5}
                  required
                  value={text}
                  aria-invalid={textError ? true : undefined}
                  aria-describedby={describedBy('medcom-reply-text', textError, 'medcom-reply-hint')}
                  onChange={(e) => setText(e.target.value)}
                />
                <p id="medcom-reply-hint" className="hint">
                  {t('medcom.replyHint', { max: MAX_TEXT })}
                </p>
                <FieldError id="medcom-reply-text" message={textError} />
                <div className="buttons wrap">
                  <button type="submit" disabled={send.isPending}>
                    {t('medcom.send')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setReplyTo(null)}>
                    {t('medcom.cancel')}
                  </button>
                </div>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "Indbakke (MedCom)" (coordinators): messages no case was found for, each attached by hand to a case found by the case search. */
export function MedcomInboxPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: queryKeys.medcom.inbox, queryFn: () => api<Page<MedcomInboxItem>>('GET', '/v1/medcom/inbox') });
  const [open, setOpen] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const found = useQuery({
    queryKey: queryKeys.medcom.inboxSearch(search),
    queryFn: () =>
      /^\d{6}-?\d{4}$/.test(search!)
        ? api<Page<CaseSummary>>('POST', '/v1/referrals/search', { cpr: search!.replace('-', '') })
        : api<Page<CaseSummary>>('GET', `/v1/referrals?q=${encodeURIComponent(search!)}&limit=20`),
    enabled: search !== null && search.length > 0,
  });
  const attach = useMutation({
    mutationFn: (referralId: string) => api('POST', `/v1/medcom/inbox/${open}/attach`, { referralId }),
    onSuccess: () => {
      setDone(t('medcom.attached'));
      setOpen(null);
      setSearch(null);
      setQuery('');
      void client.invalidateQueries({ queryKey: queryKeys.medcom.inbox });
    },
  });
  const items = inbox.data?.items ?? [];
  return (
    <>
      <h1>{t('titles.medcomInbox')}</h1>
      <p className="hint">{t('medcom.inboxIntro')}</p>
      {done && (
        <p role="status" className="success">
          {done}
        </p>
      )}
      {inbox.isSuccess && items.length === 0 && <p>{t('medcom.inboxEmpty')}</p>}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('medcom.sender')}</th>
              <th scope="col">{t('medcom.received')}</th>
              <th scope="col">{t('medcom.topic')}</th>
              <th scope="col">{t('medcom.patientName')}</th>
              <th scope="col">
                <span className="sr-only">{t('medcom.attach')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-testid="medcom-inbox-row">
                <td>{m.sender.name ?? t('medcom.unknown')}</td>
                <td>{formatDate(m.receivedAt, true)}</td>
                <td>{m.topic ?? '–'}</td>
                <td>{m.patientName ?? '–'}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-expanded={open === m.id}
                    aria-controls="medcom-attach"
                    onClick={() => (setOpen(open === m.id ? null : m.id), setDone(null))}
                  >
                    {t('medcom.attach')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <section id="medcom-attach" aria-labelledby="medcom-attach-h" className="panel">
          <h2 id="medcom-attach-h">{t('medcom.attachTitle')}</h2>
          <form
            role="search"
            className="search"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              setSearch(query.trim());
            }}
          >
            <label htmlFor="medcom-case-search">{t('work.search')}</label>
            <input id="medcom-case-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="submit">{t('medcom.find')}</button>
          </form>
          {found.isSuccess && found.data.items.length === 0 && <p>{t('medcom.noCases')}</p>}
          {attach.isError && (
            <p role="alert" className="error">
              {attach.error instanceof Error ? attach.error.message : t('app.error')}
            </p>
          )}
          <ul className="rows">
            {found.data?.items.map((c) => (
              <li key={c.id}>
                {c.citizen.name ?? c.id.slice(0, 8)} {c.citizen.cpr && `(${c.citizen.cpr})`} · {t(`status.${c.status}`)}{' '}
                <button type="button" disabled={attach.isPending} onClick={() => attach.mutate(c.id)}>
                  {t('medcom.attachHere')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
