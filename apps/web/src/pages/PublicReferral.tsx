import { useMutation, useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, CodeLabel, Page, PUBLIC_REFERRER_KINDS, PublicReferrerKind } from '../api';
import { cprLooksValid } from '../cpr';
import { queryKeys } from '../queries';

type Field = 'municipality' | 'name' | 'phone' | 'street' | 'postcode' | 'city' | 'email' | 'cpr' | 'reasons' | 'yourName';

const PHONE = /^\+?[0-9 ]{8,16}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The open door (ADR 0030): "Henvis en borger" and "Henvis dig selv", without a login.
 * Plain Danish, one column on a phone, every field labelled and every error saying what
 * to fix. `POST /v1/public/referrals` answers with a short reference — nothing else.
 */
export function PublicReferralPage({ self }: { self: boolean }) {
  const { t, i18n } = useTranslation();
  const reasons = useQuery({
    queryKey: queryKeys.reasons,
    queryFn: () => api<Page<CodeLabel>>('GET', '/v1/reference/reasons'),
    staleTime: Infinity,
  });
  const municipalities = useQuery({
    queryKey: queryKeys.publicMunicipalities,
    queryFn: () => api<Page<{ id: string; name: string }>>('GET', '/v1/public/municipalities'),
    staleTime: Infinity,
  });
  const [kind, setKind] = useState<PublicReferrerKind>(self ? 'self' : 'relative');
  const [you, setYou] = useState({ name: '', phone: '', email: '', organisation: '' });
  const [citizen, setCitizen] = useState({ name: '', phone: '', street: '', postcode: '', city: '', birthDate: '', cpr: '' });
  const [municipalityId, setMunicipalityId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [citizenKnows, setCitizenKnows] = useState(true);
  const [website, setWebsite] = useState('');
  const [tried, setTried] = useState(false);

  useEffect(() => {
    document.title = t(self ? 'publicReferral.titleSelf' : 'publicReferral.titleOther');
    setKind(self ? 'self' : 'relative');
  }, [self, t]);

  // The postcode finds the municipality when exactly one covers it; otherwise the list decides.
  const postcode = citizen.postcode;
  useEffect(() => {
    if (!/^[0-9]{4}$/.test(postcode)) return;
    let current = true;
    void api<Page<{ id: string }>>('GET', `/v1/public/municipalities?postcode=${postcode}`).then((found) => {
      if (current && found.items.length === 1) setMunicipalityId(found.items[0].id);
    });
    return () => {
      current = false;
    };
  }, [postcode]);

  const problems = new Map<Field, string>();
  if (!municipalityId) problems.set('municipality', t('publicReferral.required'));
  if (!citizen.name.trim()) problems.set('name', t('publicReferral.required'));
  if (!citizen.phone.trim()) problems.set('phone', t('publicReferral.required'));
  else if (!PHONE.test(citizen.phone.trim())) problems.set('phone', t('publicReferral.phoneInvalid'));
  if (!citizen.street.trim()) problems.set('street', t('publicReferral.required'));
  if (!/^[0-9]{4}$/.test(citizen.postcode)) problems.set('postcode', t('publicReferral.postcodeInvalid'));
  if (!citizen.city.trim()) problems.set('city', t('publicReferral.required'));
  if (citizen.cpr.trim() && !cprLooksValid(citizen.cpr)) problems.set('cpr', t('publicReferral.cprInvalid'));
  if (!self && you.email.trim() && !EMAIL.test(you.email.trim())) problems.set('email', t('publicReferral.emailInvalid'));
  if (chosen.length === 0) problems.set('reasons', t('publicReferral.reasonsRequired'));

  const send = useMutation({
    mutationFn: () =>
      api<{ reference: string }>('POST', '/v1/public/referrals', {
        municipalityId,
        referrer: self
          ? { kind: 'self', ...(you.email.trim() ? { email: you.email.trim() } : {}) }
          : {
              kind,
              ...(you.name.trim() ? { name: you.name.trim() } : {}),
              ...(you.phone.trim() ? { phone: you.phone.trim() } : {}),
              ...(you.email.trim() ? { email: you.email.trim() } : {}),
              ...(you.organisation.trim() && kind !== 'relative' ? { organisation: you.organisation.trim() } : {}),
            },
        citizen: {
          name: citizen.name.trim(),
          phone: citizen.phone.trim(),
          address: { street: citizen.street.trim(), postcode: citizen.postcode, city: citizen.city.trim() },
          ...(citizen.birthDate ? { birthDate: citizen.birthDate } : {}),
          ...(citizen.cpr.trim() ? { cpr: citizen.cpr.replace(/[\s-]/g, '') } : {}),
        },
        reasons: chosen,
        ...(note.trim() ? { note: note.trim() } : {}),
        citizenKnows: self ? true : citizenKnows,
        ...(website ? { website } : {}),
      }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problems.size === 0) send.mutate();
  };

  const other = self ? '/henvis-en-borger' : '/henvis-dig-selv';
  const title = t(self ? 'publicReferral.titleSelf' : 'publicReferral.titleOther');

  if (send.isSuccess) {
    return (
      <main id="main" className="public">
        <h1>{title}</h1>
        <div role="status" className="success">
          <h2>{t('publicReferral.sentTitle')}</h2>
          <p>{t(self ? 'publicReferral.sentSelf' : 'publicReferral.sentOther')}</p>
          <p>
            {t('publicReferral.reference')}: <strong data-testid="reference">{send.data.reference}</strong>
          </p>
          <p className="hint">{t('publicReferral.referenceHint')}</p>
        </div>
      </main>
    );
  }

  const shown = (f: Field) => (tried ? problems.get(f) : undefined);
  const input = (
    id: string,
    field: Field | null,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { type?: string; inputMode?: 'numeric' | 'tel' | 'email'; autoComplete?: string; hint?: string } = {},
  ) => {
    const problem = field ? shown(field) : undefined;
    const described = [extra.hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={extra.type ?? 'text'}
          inputMode={extra.inputMode}
          autoComplete={extra.autoComplete ?? 'off'}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described}
        />
        {extra.hint && (
          <p id={`${id}-hint`} className="hint">
            {extra.hint}
          </p>
        )}
        {problem && (
          <p id={`${id}-error`} className="error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  const apiError = send.error instanceof ApiError ? send.error : null;
  return (
    <main id="main" className="public">
      <h1>{title}</h1>
      <p>{t(self ? 'publicReferral.introSelf' : 'publicReferral.introOther')}</p>
      <p>
        <a href={other}>{t(self ? 'publicReferral.switchToOther' : 'publicReferral.switchToSelf')}</a>
      </p>
      <form onSubmit={submit} noValidate>
        {tried && problems.size > 0 && (
          <p role="alert" className="error">
            {t('publicReferral.fix')}
          </p>
        )}
        <fieldset>
          <legend>{t(self ? 'publicReferral.citizenSelf' : 'publicReferral.citizenOther')}</legend>
          {input('c-name', 'name', t('publicReferral.name'), citizen.name, (v) => setCitizen({ ...citizen, name: v }), {
            autoComplete: self ? 'name' : 'off',
          })}
          {input('c-phone', 'phone', t('publicReferral.phone'), citizen.phone, (v) => setCitizen({ ...citizen, phone: v }), {
            type: 'tel',
            inputMode: 'tel',
            autoComplete: self ? 'tel' : 'off',
            hint: t('publicReferral.phoneHint'),
          })}
          {input('c-street', 'street', t('publicReferral.street'), citizen.street, (v) => setCitizen({ ...citizen, street: v }), {
            autoComplete: self ? 'street-address' : 'off',
          })}
          {input(
            'c-postcode',
            'postcode',
            t('publicReferral.postcode'),
            citizen.postcode,
            (v) => setCitizen({ ...citizen, postcode: v.trim() }),
            {
              inputMode: 'numeric',
              autoComplete: self ? 'postal-code' : 'off',
            },
          )}
          {input('c-city', 'city', t('publicReferral.city'), citizen.city, (v) => setCitizen({ ...citizen, city: v }), {
            autoComplete: self ? 'address-level2' : 'off',
          })}
          {input('c-birth', null, t('publicReferral.birthDate'), citizen.birthDate, (v) => setCitizen({ ...citizen, birthDate: v }), {
            type: 'date',
          })}
          {input('c-cpr', 'cpr', t('publicReferral.cpr'), citizen.cpr, (v) => setCitizen({ ...citizen, cpr: v }), {
            inputMode: 'numeric',
            hint: t('publicReferral.cprHint'),
          })}
        </fieldset>

        <div>
          <label htmlFor="municipality">{t('publicReferral.municipality')}</label>
          <select
            id="municipality"
            value={municipalityId}
            onChange={(e) => setMunicipalityId(e.target.value)}
            aria-invalid={shown('municipality') ? true : undefined}
            aria-describedby={shown('municipality') ? 'municipality-hint municipality-error' : 'municipality-hint'}
          >
            <option value="">{t('publicReferral.choose')}</option>
            {municipalities.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <p id="municipality-hint" className="hint">
            {t('publicReferral.municipalityHint')}
          </p>
          {shown('municipality') && (
            <p id="municipality-error" className="error">
              {shown('municipality')}
            </p>
          )}
        </div>

        <fieldset aria-describedby={shown('reasons') ? 'reasons-error' : undefined}>
          <legend>{t('publicReferral.reasons')}</legend>
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
          {shown('reasons') && (
            <p id="reasons-error" className="error">
              {shown('reasons')}
            </p>
          )}
        </fieldset>

        <label htmlFor="note">{t('publicReferral.note')}</label>
        <textarea id="note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="note-hint" />
        <p id="note-hint" className="hint">
          {t('publicReferral.noteHint')}
        </p>

        {self ? (
          <fieldset>
            <legend>{t('publicReferral.you')}</legend>
            {input('y-email', 'email', t('publicReferral.yourEmail'), you.email, (v) => setYou({ ...you, email: v }), {
              type: 'email',
              inputMode: 'email',
              autoComplete: 'email',
              hint: t('publicReferral.yourEmailHint'),
            })}
          </fieldset>
        ) : (
          <fieldset>
            <legend>{t('publicReferral.you')}</legend>
            <fieldset>
              <legend>{t('publicReferral.kind')}</legend>
              {PUBLIC_REFERRER_KINDS.filter((k) => k !== 'self').map((k) => (
                <label key={k} className="check">
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {t(`publicReferral.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            {input('y-name', 'yourName', t('publicReferral.yourName'), you.name, (v) => setYou({ ...you, name: v }), {
              autoComplete: 'name',
            })}
            {input('y-phone', null, t('publicReferral.yourPhone'), you.phone, (v) => setYou({ ...you, phone: v }), {
              type: 'tel',
              inputMode: 'tel',
              autoComplete: 'tel',
            })}
            {input('y-email', 'email', t('publicReferral.yourEmail'), you.email, (v) => setYou({ ...you, email: v }), {
              type: 'email',
              inputMode: 'email',
              autoComplete: 'email',
              hint: t('publicReferral.yourEmailHint'),
            })}
            {kind !== 'relative' &&
              input('y-org', null, t('publicReferral.organisation'), you.organisation, (v) => setYou({ ...you, organisation: v }), {
                autoComplete: 'organization',
              })}
            <fieldset>
              <legend>{t('publicReferral.citizenKnows')}</legend>
              <label className="check">
                <input type="radio" name="knows" checked={citizenKnows} onChange={() => setCitizenKnows(true)} />
                {t('app.yes')}
              </label>
              <label className="check">
                <input type="radio" name="knows" checked={!citizenKnows} onChange={() => setCitizenKnows(false)} />
                {t('app.no')}
              </label>
            </fieldset>
          </fieldset>
        )}

        {/* Only robots fill in a field nobody sees (the honeypot). */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">{t('publicReferral.honeypot')}</label>
          <input
            id="website"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </div>

        <div className="buttons">
          <button type="submit" disabled={send.isPending}>
            {send.isPending ? t('publicReferral.sending') : t('publicReferral.submit')}
          </button>
        </div>
        {send.error && (
          <p role="alert" className="error">
            {apiError?.status === 429 ? t('publicReferral.tooMany') : send.error.message}
          </p>
        )}
      </form>
      <p className="hint">{t('publicReferral.staffDoor')}</p>
    </main>
  );
}
