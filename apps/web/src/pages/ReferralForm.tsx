import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, CodeLabel, Page, SubmittedReferral } from '../api';
import { ConsentFields, ReferralConsent } from '../components/ConsentFields';
import { describedBy, ErrorSummary, FieldError, FormProblem, Label, RequiredMark } from '../components/FormErrors';
import { ErrorText } from '../components/Layout';
import { cprLooksValid, maskCpr } from '../cpr';
import { serverFieldErrors } from '../errors';
import { queryKeys } from '../queries';

/** The api's field (`details[].field`) → the input that shows its problem. */
const API_FIELDS: Record<string, string> = {
  'citizen.cpr': 'cpr',
  'citizen.name': 'name',
  'citizen.phone': 'phone',
  'citizen.address.street': 'street',
  'citizen.address.postcode': 'postcode',
  'citizen.address.city': 'city',
  'citizen.address': 'street',
  citizen: 'cpr',
  reasons: 'reason-first',
  note: 'note',
  consent: 'consent-referral',
  'consent.referral': 'consent-referral',
};

const EMPTY_CONSENT: ReferralConsent = { referral: false, referrerFeedback: 'none', shareWithHost: false, sms: false, method: 'verbal' };

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The GP's referral form (`POST /v1/referrals`), built to be filled in under two minutes. */
export function ReferralForm() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const reasons = useQuery({
    queryKey: queryKeys.reasons,
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
  const [attempt, setAttempt] = useState(0);
  // The municipality's postcodes: an address outside them is a soft warning, never a refusal.
  const postcodes = useQuery({
    queryKey: queryKeys.postcodes,
    queryFn: () => api<Page<string>>('GET', '/v1/reference/postcodes'),
    staleTime: 10 * 60_000,
  });

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
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.referrals.all }),
  });
  const masked = useMemo(() => (send.isSuccess ? maskCpr(cpr) : ''), [send.isSuccess, cpr]);

  // What the form checks itself, in Danish, before anything is sent; the api's own problems come back as codes (below).
  const own: Record<string, string> = {};
  if (tried) {
    if (!cpr.trim()) own.cpr = t('errors.field.required');
    else if (!cprValid) own.cpr = t('referral.cprInvalid');
    if (!name.trim()) own.name = t('errors.field.required');
    if (phone.trim() && !/^\+?[0-9 ]{8,16}$/.test(phone.trim())) own.phone = t('errors.field.invalid_phone');
    if (!street.trim()) own.street = t('errors.field.required');
    if (!postcode.trim()) own.postcode = t('errors.field.required');
    else if (!/^[0-9]{4}$/.test(postcode.trim())) own.postcode = t('errors.field.invalid_postcode');
    if (!city.trim()) own.city = t('errors.field.required');
    if (chosen.length === 0) own['reason-first'] = t('referral.reasonsRequired');
    if (!consent.referral) own['consent-referral'] = t('errors.field.consent_required');
  }
  const errors: Record<string, string> = { ...serverFieldErrors(t, send.error, API_FIELDS), ...own };
  const labels: Record<string, string> = {
    cpr: t('referral.cpr'),
    name: t('referral.name'),
    phone: t('referral.phone'),
    street: t('referral.street'),
    postcode: t('referral.postcode'),
    city: t('referral.city'),
    'reason-first': t('referral.reasons'),
    note: t('referral.note'),
    'consent-referral': t('consent.title'),
  };
  const problems: FormProblem[] = Object.keys(labels)
    .filter((id) => errors[id])
    .map((id) => ({ id, label: labels[id], message: errors[id] }));
  const outside = /^[0-9]{4}$/.test(postcode.trim()) && postcodes.data !== undefined && !postcodes.data.items.includes(postcode.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setCprTouched(true);
    setAttempt((n) => n + 1);
    const ready =
      cprValid &&
      name.trim() &&
      street.trim() &&
      /^[0-9]{4}$/.test(postcode.trim()) &&
      city.trim() &&
      (!phone.trim() || /^\+?[0-9 ]{8,16}$/.test(phone.trim())) &&
      chosen.length > 0 &&
      consent.referral;
    if (!ready) return;
    send.mutate(undefined, { onError: () => setAttempt((n) => n + 1) });
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
    setAttempt(0);
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
      <p className="hint">{t('form.requiredLegend')}</p>
      <ErrorSummary problems={problems} attempt={attempt} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('referral.citizen')}</legend>
          <div className="grid2">
            <div>
              <Label htmlFor="cpr" required>
                {t('referral.cpr')}
              </Label>
              <input
                id="cpr"
                inputMode="numeric"
                autoComplete="off"
                value={cpr}
                onChange={(e) => setCpr(e.target.value)}
                onBlur={() => setCprTouched(true)}
                aria-invalid={Boolean(errors.cpr) || (cprTouched && !cprValid)}
                aria-describedby={describedBy('cpr', errors.cpr, 'cpr-hint')}
                required
              />
              <p id="cpr-hint" className={!errors.cpr && cprTouched && !cprValid ? 'error' : 'hint'}>
                {!errors.cpr && cprTouched && !cprValid ? t('referral.cprInvalid') : t('referral.cprHint')}
              </p>
              <FieldError id="cpr" message={errors.cpr} />
            </div>
            <TextField id="name" label={t('referral.name')} value={name} onChange={setName} error={errors.name} required />
            <TextField id="phone" label={t('referral.phone')} value={phone} onChange={setPhone} error={errors.phone} type="tel" />
            <TextField id="street" label={t('referral.street')} value={street} onChange={setStreet} error={errors.street} required />
            <div>
              <Label htmlFor="postcode" required>
                {t('referral.postcode')}
              </Label>
              <input
                id="postcode"
                inputMode="numeric"
                value={postcode}
                onChange={(e) => setPostcode(e.target.value)}
                required
                autoComplete="off"
                aria-invalid={Boolean(errors.postcode)}
                aria-describedby={describedBy('postcode', errors.postcode, outside ? 'postcode-outside' : undefined)}
              />
              {outside && !errors.postcode && (
                <p id="postcode-outside" className="warning" role="status">
                  {t('form.postcodeOutside')}
                </p>
              )}
              <FieldError id="postcode" message={errors.postcode} />
            </div>
            <TextField id="city" label={t('referral.city')} value={city} onChange={setCity} error={errors.city} required />
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
        <fieldset aria-describedby={errors['reason-first'] ? 'reason-first-error' : undefined}>
          <legend>
            {t('referral.reasons')}
            <RequiredMark />
          </legend>
          <div className="grid2">
            {reasons.data?.items.map((r, i) => (
              <label key={r.code} className="check">
                <input
                  type="checkbox"
                  id={i === 0 ? 'reason-first' : undefined}
                  value={r.code}
                  checked={chosen.includes(r.code)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, r.code] : chosen.filter((c) => c !== r.code))}
                />
                {i18n.language === 'en' ? r.en : r.da}
              </label>
            ))}
          </div>
          <FieldError id="reason-first" message={errors['reason-first']} />
        </fieldset>
        <label htmlFor="note">{t('referral.note')}</label>
        <textarea
          id="note"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={describedBy('note', errors.note, 'note-hint')}
        />
        <p id="note-hint" className="hint">
          {t('referral.noteHint')}
        </p>
        <FieldError id="note" message={errors.note} />
        <ConsentFields value={consent} onChange={setConsent} error={errors['consent-referral']} />
        <div className="buttons">
          <button type="submit" disabled={send.isPending}>
            {t('referral.submit')}
          </button>
        </div>
        {send.error && Object.keys(serverFieldErrors(t, send.error, API_FIELDS)).length === 0 && <ErrorText error={send.error} />}
      </form>
    </section>
  );
}

/** A labelled text input with its required mark and inline error. */
function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  type?: string;
}) {
  return (
    <div>
      <Label htmlFor={props.id} required={props.required}>
        {props.label}
      </Label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required}
        autoComplete="off"
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy(props.id, props.error)}
      />
      <FieldError id={props.id} message={props.error} />
    </div>
  );
}
