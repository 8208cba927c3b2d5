import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, Area, AssociationFigures, Companion, Host, Offer, Page } from '../api';
import { ErrorText, Loading } from './Layout';
import { queryKeys } from '../queries';

/** A server error in the user's language where we know what to say; the server's words otherwise. */
function problem(e: unknown, t: (k: string) => string): string | null {
  if (!e) return null;
  if (e instanceof ApiError && e.status === 400) return t('community.contactRequired');
  return e instanceof Error ? e.message : t('app.error');
}

/** The hosts (værter) of one offer: who receives a citizen there and gets the hand-off and the offer checks. */
export function OfferHosts({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['hosts', offer.id];
  const hosts = useQuery({ queryKey: key, queryFn: () => api<Page<Host>>('GET', `/v1/offers/${offer.id}/hosts`) });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);
  const saved = () => void client.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: () =>
      api('POST', `/v1/offers/${offer.id}/hosts`, {
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone: phone.replace(/\s/g, '') } : {}),
      }),
    onSuccess: () => {
      setName('');
      setEmail('');
      setPhone('');
      saved();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api('DELETE', `/v1/offers/${offer.id}/hosts/${id}`), onSuccess: saved });
  const prefix = `host-${offer.id}`;
  return (
    <div className="panel" aria-label={t('community.showHosts', { offer: offer.name })} role="region">
      <h3>{t('community.showHosts', { offer: offer.name })}</h3>
      {hosts.isPending && <Loading />}
      {hosts.data?.items.length === 0 && <p className="muted">{t('community.noHosts')}</p>}
      <ul className="rows">
        {hosts.data?.items.map((h) => (
          <li key={h.id} data-testid="host-row">
            <span>
              <strong>{h.name}</strong> {[h.email, h.phone].filter(Boolean).join(' · ')}
            </span>
            <button
              type="button"
              className="link"
              aria-label={`${t('community.remove')}: ${h.name}`}
              onClick={() => window.confirm(t('community.confirmRemove', { name: h.name })) && remove.mutate(h.id)}
            >
              {t('community.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="grid3"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (!email && !phone) return setMissing(true);
          setMissing(false);
          add.mutate();
        }}
      >
        <div>
          <label htmlFor={`${prefix}-name`}>{t('community.name')}</label>
          <input id={`${prefix}-name`} value={name} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${prefix}-email`}>{t('community.email')}</label>
          <input id={`${prefix}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${prefix}-phone`}>{t('community.phone')}</label>
          <input id={`${prefix}-phone`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <button type="submit" disabled={!name || add.isPending}>
          {t('community.addHost')}
        </button>
      </form>
      {missing && (
        <p role="alert" className="error">
          {t('community.contactRequired')}
        </p>
      )}
      {add.error && (
        <p role="alert" className="error">
          {problem(add.error, t)}
        </p>
      )}
      <ErrorText error={remove.error} />
    </div>
  );
}

/** Følgevenner in administration: searchable, sorted by name, their areas named. */
export function Companions() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const companions = useQuery({ queryKey: queryKeys.companions, queryFn: () => api<Page<Companion>>('GET', '/v1/companions') });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: () => api<Page<Area>>('GET', '/v1/areas') });
  const areaName = new Map(areas.data?.items.map((a) => [a.id, a.name]));
  const [q, setQ] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [areaId, setAreaId] = useState('');
  const [availability, setAvailability] = useState('');
  const saved = () => void client.invalidateQueries({ queryKey: queryKeys.companions });
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/v1/companions', {
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone: phone.replace(/\s/g, '') } : {}),
        areaIds: areaId ? [areaId] : [],
        ...(availability ? { availability } : {}),
        active: true,
      }),
    onSuccess: () => {
      setName('');
      setEmail('');
      setPhone('');
      setAvailability('');
      saved();
    },
  });
  const toggle = useMutation({
    mutationFn: (c: Companion) => api('PATCH', `/v1/companions/${c.id}`, { active: !c.active }),
    onSuccess: saved,
  });
  const needle = q.trim().toLowerCase();
  const shown = (companions.data?.items ?? []).filter((c) => !needle || c.name.toLowerCase().includes(needle));
  return (
    <section aria-labelledby="companions-h">
      <h2 id="companions-h">{t('community.companions')}</h2>
      <label htmlFor="companion-q">{t('community.search')}</label>
      <input id="companion-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {companions.isPending && <Loading />}
      {companions.data && shown.length === 0 && <p className="muted">{t('community.noCompanions')}</p>}
      {shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('community.name')}</th>
              <th scope="col">{t('community.areas')}</th>
              <th scope="col">{t('community.availability')}</th>
              <th scope="col">{t('community.active')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} data-testid="companion-row">
                <td>
                  {c.name}
                  <br />
                  <span className="muted">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
                </td>
                <td>{c.areaIds.map((a) => areaName.get(a) ?? '–').join(', ') || '–'}</td>
                <td>{c.availability ?? '–'}</td>
                <td>
                  {t(c.active ? 'community.active' : 'community.inactive')}{' '}
                  <button
                    type="button"
                    className="link"
                    aria-label={`${t(c.active ? 'community.deactivate' : 'community.activate')}: ${c.name}`}
                    onClick={() => toggle.mutate(c)}
                  >
                    {t(c.active ? 'community.deactivate' : 'community.activate')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="grid3"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <div>
          <label htmlFor="companion-name">{t('community.name')}</label>
          <input id="companion-name" value={name} required onChange={(e) => setName(e.target.value)} />
        </div>
        <div>
          <label htmlFor="companion-email">{t('community.email')}</label>
          <input id="companion-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div>
          <label htmlFor="companion-phone">{t('community.phone')}</label>
          <input id="companion-phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <div>
          <label htmlFor="companion-area">{t('community.areas')}</label>
          <select id="companion-area" value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            <option value="">–</option>
            {areas.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="companion-availability">{t('community.availability')}</label>
          <input id="companion-availability" value={availability} onChange={(e) => setAvailability(e.target.value)} />
        </div>
        <button type="submit" disabled={!name || add.isPending}>
          {t('community.addCompanion')}
        </button>
      </form>
      {add.error && (
        <p role="alert" className="error">
          {problem(add.error, t)}
        </p>
      )}
      <ErrorText error={toggle.error} />
    </section>
  );
}

/** Per association: hand-offs sent, answered, attended and continuing — where bridges hold and where they break. */
export function BridgeFigures() {
  const { t } = useTranslation();
  const figures = useQuery({
    queryKey: queryKeys.communityFigures,
    queryFn: () => api<Page<AssociationFigures>>('GET', '/v1/community/figures'),
  });
  return (
    <section aria-labelledby="figures-h">
      <h2 id="figures-h">{t('community.figures')}</h2>
      <p className="muted">{t('community.figuresIntro')}</p>
      {figures.isPending && <Loading />}
      <ErrorText error={figures.error} />
      {figures.data?.items.length === 0 && <p>{t('community.noFigures')}</p>}
      {!!figures.data?.items.length && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.organisation')}</th>
              <th scope="col">{t('community.sent')}</th>
              <th scope="col">{t('community.answered')}</th>
              <th scope="col">{t('community.attended')}</th>
              <th scope="col">{t('community.continuing')}</th>
              <th scope="col">{t('community.didNotAttend')}</th>
              <th scope="col">{t('community.cannotReceive')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.data.items.map((f) => (
              <tr key={f.organisationId}>
                <th scope="row">{f.organisation}</th>
                <td>{f.sent}</td>
                <td>{f.answered}</td>
                <td>{f.attended}</td>
                <td>{f.continuing}</td>
                <td>{f.didNotAttend}</td>
                <td>{f.cannotReceive}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
