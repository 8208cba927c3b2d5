import { OFFER_CATEGORIES, type OfferCategory } from '@bro/case-kernel';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, Offer, Organisation } from '../api';
import { serverFieldErrors } from '../errors';
import { queryKeys } from '../queries';
import { FieldError, Label } from './FormErrors';
import { ErrorText } from './Layout';

type Category = OfferCategory;

interface Fields {
  name: string;
  organisationId: string;
  category: Category | '';
  description: string;
  schedule: string;
  freePlaces: string;
  companionAvailable: boolean;
  acceptsSpecialNeeds: boolean;
}

/** The api's field names → this form's inputs, for its field problems (ADR 0025). */
const SERVER_FIELDS: Record<string, string> = {
  name: 'offer-name',
  organisationId: 'offer-org',
  category: 'offer-category',
  schedule: 'offer-schedule',
  freePlaces: 'offer-places',
  description: 'offer-description',
};

const fieldsOf = (o: Offer | null): Fields => ({
  name: o?.name ?? '',
  organisationId: o?.organisationId ?? '',
  category: (o?.category as Category | undefined) ?? '',
  description: o?.description ?? '',
  schedule: o?.schedule ?? '',
  freePlaces: o?.freePlaces === null || o?.freePlaces === undefined ? '' : String(o.freePlaces),
  companionAvailable: o?.companionAvailable ?? false,
  acceptsSpecialNeeds: o?.acceptsSpecialNeeds ?? false,
});

/**
 * Create an offer (`POST /v1/offers`) or edit one (`PATCH /v1/offers/:id`, only what
 * changed). Name, association and category are required; free places empty means "not
 * counted". Pausing stays a button on the row. Focus goes to the form's heading when it
 * opens, and back to the caller (`onDone`) when it is saved or cancelled.
 */
export function OfferForm({
  offer,
  organisations,
  onDone,
}: {
  offer: Offer | null;
  organisations: Organisation[];
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState<Fields>(() => fieldsOf(offer));
  const [missing, setMissing] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setF((x) => ({ ...x, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const before = fieldsOf(offer);
      const body: Record<string, unknown> = {};
      const text = (k: 'name' | 'description' | 'schedule') => {
        if (!offer || f[k] !== before[k]) if (f[k].trim() || offer) body[k] = f[k].trim();
      };
      text('name');
      text('description');
      text('schedule');
      if (!offer || f.category !== before.category) body.category = f.category;
      if (!offer) body.organisationId = f.organisationId;
      if (!offer || f.freePlaces !== before.freePlaces) body.freePlaces = f.freePlaces === '' ? null : Number(f.freePlaces);
      if (!offer || f.companionAvailable !== before.companionAvailable) body.companionAvailable = f.companionAvailable;
      if (!offer || f.acceptsSpecialNeeds !== before.acceptsSpecialNeeds) body.acceptsSpecialNeeds = f.acceptsSpecialNeeds;
      return offer ? api('PATCH', `/v1/offers/${offer.id}`, body) : api('POST', '/v1/offers', body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.offers.all });
      onDone(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = [
      ...(f.name.trim() ? [] : ['offer-name']),
      ...(offer || f.organisationId ? [] : ['offer-org']),
      ...(f.category ? [] : ['offer-category']),
    ];
    setMissing(empty);
    if (empty.length === 0) save.mutate();
  };
  const server = serverFieldErrors(t, save.error, SERVER_FIELDS);
  const invalid = (id: string) => missing.includes(id) || id in server;
  const required = (id: string, label: string) => (
    <Label htmlFor={id} required>
      {label}
    </Label>
  );
  const problem = (id: string) => <FieldError id={id} message={invalid(id) ? (server[id] ?? t('offerForm.required')) : undefined} />;
  const title = offer ? t('offerForm.edit', { name: offer.name }) : t('offerForm.create');
  return (
    <form className="panel offer-form" aria-labelledby="offer-form-h" onSubmit={submit} noValidate>
      <h3 id="offer-form-h" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <div className="grid2">
        <div>
          {required('offer-name', t('offerForm.name'))}
          <input
            id="offer-name"
            value={f.name}
            maxLength={200}
            required
            aria-invalid={invalid('offer-name') || undefined}
            aria-describedby={invalid('offer-name') ? 'offer-name-error' : undefined}
            onChange={(e) => set('name', e.target.value)}
          />
          {problem('offer-name')}
        </div>
        <div>
          {offer ? (
            <>
              <span className="label">{t('admin.organisationShort')}</span>
              <p>{organisations.find((o) => o.id === offer.organisationId)?.name ?? '–'}</p>
            </>
          ) : (
            <>
              {required('offer-org', t('admin.organisationShort'))}
              <select
                id="offer-org"
                value={f.organisationId}
                required
                aria-invalid={invalid('offer-org') || undefined}
                aria-describedby={invalid('offer-org') ? 'offer-org-error' : undefined}
                onChange={(e) => set('organisationId', e.target.value)}
              >
                <option value="">{t('offerForm.choose')}</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              {problem('offer-org')}
            </>
          )}
        </div>
        <div>
          {required('offer-category', t('offerForm.category'))}
          <select
            id="offer-category"
            value={f.category}
            required
            aria-invalid={invalid('offer-category') || undefined}
            aria-describedby={invalid('offer-category') ? 'offer-category-error' : undefined}
            onChange={(e) => set('category', e.target.value as Category)}
          >
            <option value="">{t('offerForm.choose')}</option>
            {OFFER_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`offerForm.categories.${c}`)}
              </option>
            ))}
          </select>
          {problem('offer-category')}
        </div>
        <div>
          <label htmlFor="offer-schedule">{t('offerForm.schedule')}</label>
          <input
            id="offer-schedule"
            value={f.schedule}
            maxLength={500}
            aria-invalid={invalid('offer-schedule') || undefined}
            aria-describedby={invalid('offer-schedule') ? 'offer-schedule-error' : undefined}
            onChange={(e) => set('schedule', e.target.value)}
          />
          {problem('offer-schedule')}
        </div>
        <div>
          <label htmlFor="offer-places">{t('offerForm.freePlaces')}</label>
          <input
            id="offer-places"
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={f.freePlaces}
            aria-invalid={invalid('offer-places') || undefined}
            aria-describedby={invalid('offer-places') ? 'offer-places-hint offer-places-error' : 'offer-places-hint'}
            onChange={(e) => set('freePlaces', e.target.value)}
          />
          {problem('offer-places')}
          <p className="hint" id="offer-places-hint">
            {t('offerForm.freePlacesHint')}
          </p>
        </div>
      </div>
      <label htmlFor="offer-description">{t('offerForm.description')}</label>
      <textarea
        id="offer-description"
        rows={3}
        maxLength={4000}
        value={f.description}
        onChange={(e) => set('description', e.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={f.companionAvailable} onChange={(e) => set('companionAvailable', e.target.checked)} />
        {t('offerForm.companion')}
      </label>
      <label className="check">
        <input type="checkbox" checked={f.acceptsSpecialNeeds} onChange={(e) => set('acceptsSpecialNeeds', e.target.checked)} />
        {t('offerForm.specialNeeds')}
      </label>
      <ErrorText error={save.error} />
      <div className="buttons wrap">
        <button type="submit" disabled={save.isPending}>
          {offer ? t('offerForm.save') : t('offerForm.add')}
        </button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
