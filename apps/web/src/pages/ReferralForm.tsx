import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, CodeLabel, Page, SubmittedReferral } from '../api';
import { ConsentFields, ReferralConsent } from '../components/ConsentFields';
import { ErrorText } from '../components/Layout';
import { cprLooksValid, maskCpr } from '../cpr';

const EMPTY_CONSENT: ReferralConsent = { referral: false, referrerFeedback: 'none', shareWithHost: false, sms: false, method: 'verbal' };

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The GP's referral form (`POST /v1/referrals`), built to be filled in under two minutes. */
export function ReferralForm() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const reasons = useQuery({
    queryKey: ['reasons'],
    queryFn: () => api<Page<CodeLabel>>('GET', '/v1/reference/reasons'),
    staleTime: Infinity,
  });
  const [cpr, setCpr] = useState('');
  const [cprTouched, setCprTouched] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [street, setStreet] = useState('');
  const [postcode, setPostcode] = useState('');
  const [city, setCity] = useState('');
  const [addressProtected, setAddressProtected] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(EMPTY_CONSENT);
  const [key, setKey] = useState(newKey);
  const [tried, setTried] = useState(false);

  const cprValid = cprLooksValid(cpr);
  const send = useMutation({
    mutationFn: () =>
      api<SubmittedReferral>(
        'POST',
        '/v1/referrals',
        {
          citizen: {
            cpr: cpr.replace(/[\s-]/g, ''),
            name,
            ...(phone ? { phone } : {}),
            address: { street, postcode, city },
            ...(addressProtected ? { addressProtected } : {}),
          },
          reasons: chosen,
          ...(note ? { note } : {}),
          consent,
        },
        // One key per filled-in form: a double click or a retry sends one referral.
        { 'Idempotency-Key': key },
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['referrals'] }),
  });
  const masked = useMemo(() => (send.isSuccess ? maskCpr(cpr) : ''), [send.isSuccess, cpr]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setCprTouched(true);
    if (!cprValid || chosen.length === 0 || !consent.referral) return;
    send.mutate();
  };

  const reset = () => {
    setCpr('');
    setCprTouched(false);
    setName('');
    setPhone('');
    setStreet('');
    setPostcode('');
    setCity('');
    setAddressProtected(false);
    setChosen([]);
    setNote('');
    setConsent(EMPTY_CONSENT);
    setTried(false);
    setKey(newKey());
    send.reset();
  };

  if (send.isSuccess) {
    return (
      <section>
        <h1>{t('referral.title')}</h1>
        <div role="status" className="success">
          <p>{send.data.linked ? t('referral.linked') : t('referral.sent')}</p>
          <p>
            {name} · {t('referral.savedCpr')} {masked}
          </p>
        </div>
        <button type="button" onClick={reset}>
          {t('referral.another')}
        </button>
      </section>
    );
  }

  return (
    <section>
      <h1>{t('referral.title')}</h1>
      <p>{t('referral.intro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('referral.citizen')}</legend>
          <div className="grid2">
            <div>
              <label htmlFor="cpr">{t('referral.cpr')}</label>
              <input
                id="cpr"
                inputMode="numeric"
                autoComplete="off"
                value={cpr}
                onChange={(e) => setCpr(e.target.value)}
                onBlur={() => setCprTouched(true)}
                aria-invalid={cprTouched && !cprValid}
                aria-describedby="cpr-hint"
                required
              />
              <p id="cpr-hint" className={cprTouched && !cprValid ? 'error' : 'hint'}>
                {cprTouched && !cprValid ? t('referral.cprInvalid') : t('referral.cprHint')}
              </p>
            </div>
            <div>
              <label htmlFor="name">{t('referral.name')}</label>
              <input id="name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
            </div>
            <div>
              <label htmlFor="phone">{t('referral.phone')}</label>
              <input id="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
            </div>
            <div>
              <label htmlFor="street">{t('referral.street')}</label>
              <input id="street" value={street} onChange={(e) => setStreet(e.target.value)} required autoComplete="off" />
            </div>
            <div>
              <label htmlFor="postcode">{t('referral.postcode')}</label>
              <input
                id="postcode"
                inputMode="numeric"
                value={postcode}
                onChange={(e) => setPostcode(e.target.value)}
                required
                autoComplete="off"
              />
            </div>
            <div>
              <label htmlFor="city">{t('referral.city')}</label>
              <input id="city" value={city} onChange={(e) => setCity(e.target.value)} required autoComplete="off" />
            </div>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={addressProtected}
              onChange={(e) => setAddressProtected(e.target.checked)}
              aria-describedby="address-protected-hint"
            />
            {t('referral.addressProtected')}
          </label>
          <p id="address-protected-hint" className="hint">
            {t('referral.addressProtectedHint')}
          </p>
        </fieldset>
        <fieldset aria-describedby={tried && chosen.length === 0 ? 'reasons-error' : undefined}>
          <legend>{t('referral.reasons')}</legend>
          <div className="grid2">
            {reasons.data?.items.map((r) => (
              <label key={r.code} className="check">
                <input
                  type="checkbox"
                  value={r.code}
                  checked={chosen.includes(r.code)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, r.code] : chosen.filter((c) => c !== r.code))}
                />
                {i18n.language === 'en' ? r.en : r.da}
              </label>
            ))}
          </div>
          {tried && chosen.length === 0 && (
            <p id="reasons-error" className="error">
              {t('referral.reasonsRequired')}
            </p>
          )}
        </fieldset>
        <label htmlFor="note">{t('referral.note')}</label>
        <textarea id="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="note-hint" />
        <p id="note-hint" className="hint">
          {t('referral.noteHint')}
        </p>
        <ConsentFields value={consent} onChange={setConsent} />
        <div className="buttons">
          <button type="submit" disabled={send.isPending}>
            {t('referral.submit')}
          </button>
        </div>
        <ErrorText error={send.error} />
      </form>
    </section>
  );
}
