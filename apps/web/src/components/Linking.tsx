import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FullCase, ReportedDetails } from '../api';
import { formatDate } from '../i18n';
import { ErrorText } from './Layout';

/**
 * Referrals of the same citizen on the case page (ADR 0014): a possible duplicate's
 * decision, the duplicates waiting on this case, the referrals linked to it, and the
 * details later referrals reported ("oplyst af <klinik> <dato>") to accept or ignore.
 * The server sends these parts only to those who may decide (coordinators, the
 * assigned brobygger); with none of them there is nothing to show.
 */
export function LinkingPanel({ k, reasonLabel, onDone }: { k: FullCase; reasonLabel: (code: string) => string; onDone: () => void }) {
  const { t } = useTranslation();
  const waiting = k.possibleDuplicates ?? [];
  const linked = k.linkedReferrals ?? [];
  const details = k.reportedDetails ?? [];
  const held = k.status === 'possible_duplicate';
  if (!held && !k.duplicate && waiting.length === 0 && linked.length === 0 && details.length === 0) return null;
  return (
    <section aria-labelledby="linking-h" className="panel linking">
      <h2 id="linking-h">{t('linking.title')}</h2>
      {held && (
        <>
          <p className="notice" role="note">
            {t('linking.possibleDuplicateNotice')}
          </p>
          <DuplicateDecisionForm id={k.id} onDone={onDone} />
        </>
      )}
      {k.duplicateOf && (
        <p>
          <Link to={`/sager/${k.duplicateOf.id}`}>{t('linking.existingCase')}</Link> · {t(`status.${k.duplicateOf.status}`)}
        </p>
      )}
      {k.duplicate?.decision && (
        <p>
          {t(`linking.decided.${k.duplicate.decision}`)} · {formatDate(k.duplicate.decidedAt)}
          {k.duplicate.note && ` — ${k.duplicate.note}`}
        </p>
      )}
      {waiting.length > 0 && (
        <>
          <h3>{t('linking.possibleDuplicates')}</h3>
          <ul className="rows">
            {waiting.map((d) => (
              <li key={d.id} data-testid="possible-duplicate">
                <div>
                  <p>
                    <strong>
                      <From organisation={d.referrer.organisation} at={d.createdAt} />
                    </strong>{' '}
                    · {d.reasons.map(reasonLabel).join(', ')}
                  </p>
                  {d.note && <p>{d.note}</p>}
                  {d.reportedDetails.map((r) => (
                    <DetailsList key={r.id} details={r} />
                  ))}
                  <DuplicateDecisionForm id={d.id} onDone={onDone} />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {linked.length > 0 && (
        <>
          <h3>{t('linking.linkedReferrals')}</h3>
          <ul>
            {linked.map((l) => (
              <li key={l.id}>
                <From organisation={l.referrer.organisation} at={l.createdAt} /> · {l.reasons.map(reasonLabel).join(', ')}
                {l.referrerFeedback && ` · ${t('linking.feedback', { level: t(`consent.feedback.${l.referrerFeedback}`) })}`}
                {l.note && ` — ${l.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {details.length > 0 && (
        <>
          <h3>{t('linking.reportedDetails')}</h3>
          <ul className="rows">
            {details.map((d) => (
              <li key={d.id} data-testid="reported-details">
                <DetailsList details={d} />
                {/* A held or linked referral's details are decided on the case it concerns. */}
                {!held && k.status !== 'linked' && <DetailsDecision caseId={k.id} detailId={d.id} onDone={onDone} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function From({ organisation, at }: { organisation: string | null; at: string }) {
  const { t } = useTranslation();
  return <>{t('linking.from', { organisation: organisation ?? t('linking.unknownOrganisation'), date: formatDate(at) })}</>;
}

function DetailsList({ details: d }: { details: ReportedDetails }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ...(d.name ? [['name', d.name] as [string, string]] : []),
    ...(d.phone ? [['phone', d.phone] as [string, string]] : []),
    ...(d.email ? [['email', d.email] as [string, string]] : []),
    ...(d.address
      ? [['address', [d.address.street, `${d.address.postcode ?? ''} ${d.address.city ?? ''}`].join(', ')] as [string, string]]
      : []),
    ...(d.language ? [['language', d.language] as [string, string]] : []),
    ...(d.contactPreferences ? [['contactPreferences', JSON.stringify(d.contactPreferences)] as [string, string]] : []),
  ];
  return (
    <div>
      <p className="muted">
        {t('linking.reportedBy', { organisation: d.organisation ?? t('linking.unknownOrganisation'), date: formatDate(d.at) })}
      </p>
      <dl>
        {rows.map(([field, value]) => (
          <div key={field}>
            <dt>{t(`linking.fields.${field}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function DetailsDecision({ caseId, detailId, onDone }: { caseId: string; detailId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const send = useMutation({
    mutationFn: (decision: 'accept' | 'ignore') => api('POST', `/v1/referrals/${caseId}/reported-details`, { detailId, decision }),
    onSuccess: onDone,
  });
  return (
    <div className="buttons">
      <button type="button" disabled={send.isPending} onClick={() => send.mutate('accept')}>
        {t('linking.accept')}
      </button>
      <button type="button" className="secondary" disabled={send.isPending} onClick={() => send.mutate('ignore')}>
        {t('linking.ignore')}
      </button>
      <ErrorText error={send.error} />
    </div>
  );
}

export function DuplicateDecisionForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'confirm' | 'reject'>('confirm');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: () => api('POST', `/v1/referrals/${id}/duplicate`, { decision, ...(note ? { note } : {}) }),
    onSuccess: onDone,
  });
  return (
    <form
      className="panel"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <fieldset>
        <legend>{t('linking.decide')}</legend>
        {(['confirm', 'reject'] as const).map((d) => (
          <label key={d} className="check">
            <input type="radio" name={`duplicate-${id}`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {t(`linking.${d}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`duplicate-note-${id}`}>{t('linking.note')}</label>
      <input id={`duplicate-note-${id}`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      <div className="buttons">
        <button type="submit" disabled={send.isPending}>
          {t('linking.submit')}
        </button>
      </div>
      <ErrorText error={send.error} />
    </form>
  );
}
