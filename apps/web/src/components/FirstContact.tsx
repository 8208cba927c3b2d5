import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ConsentFields, ReferralConsent } from './ConsentFields';
import { ErrorText } from './Layout';

const NO_CONSENT_YET: ReferralConsent = { referral: false, referrerFeedback: 'none', shareWithHost: false, sms: false, method: 'verbal' };

/**
 * A public referral awaiting consent (ADR 0030): the brobygger who reaches the citizen
 * records what they consented to, or that they said no (erased at once, so asked first).
 * Coordinators may also reject it as spam (erased too, asked first).
 */
export function FirstContactPanel({ id, spam, onDone }: { id: string; spam: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [consent, setConsent] = useState(NO_CONSENT_YET);
  const [tried, setTried] = useState(false);
  const [asking, setAsking] = useState<'declined' | 'spam' | null>(null);
  const record = useMutation({
    mutationFn: () =>
      api('POST', `/v1/referrals/${id}/first-contact`, {
        decision: 'consented',
        consent: {
          referrerFeedback: consent.referrerFeedback,
          shareWithHost: consent.shareWithHost,
          sms: consent.sms,
          method: consent.method,
        },
      }),
    onSuccess: onDone,
  });
  const end = useMutation({
    mutationFn: (how: 'declined' | 'spam') =>
      how === 'spam'
        ? api('POST', `/v1/referrals/${id}/spam`, {})
        : api('POST', `/v1/referrals/${id}/first-contact`, { decision: 'declined' }),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (consent.referral) record.mutate();
  };
  return (
    <div className="panel" data-testid="first-contact">
      <h3>{t('firstContact.title')}</h3>
      <form onSubmit={submit} noValidate>
        <ConsentFields value={consent} onChange={setConsent} />
        {tried && !consent.referral && (
          <p role="alert" className="error">
            {t('firstContact.consentRequired')}
          </p>
        )}
        <div className="buttons wrap">
          <button type="submit" disabled={record.isPending}>
            {t('firstContact.record')}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking('declined')}>
            {t('firstContact.declined')}
          </button>
          {spam && (
            <button type="button" className="secondary" onClick={() => setAsking('spam')}>
              {t('firstContact.spam')}
            </button>
          )}
        </div>
      </form>
      {asking && (
        <div role="alertdialog" aria-labelledby="first-contact-ask" className="notice">
          <p id="first-contact-ask">{t(asking === 'spam' ? 'firstContact.askSpam' : 'firstContact.askDeclined')}</p>
          <div className="buttons">
            <button type="button" onClick={() => end.mutate(asking)} disabled={end.isPending}>
              {t(asking === 'spam' ? 'firstContact.confirmSpam' : 'firstContact.confirmDeclined')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorText error={record.error ?? end.error} />
    </div>
  );
}
