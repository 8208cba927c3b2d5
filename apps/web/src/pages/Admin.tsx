import { ORGANISATION_KINDS } from '@bro/case-kernel';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminUser, api, Area, Brobygger, Offer, Organisation, Page, Role } from '../api';
import { useAuth } from '../auth';
import { ErrorText, Loading } from '../components/Layout';
import { BridgeFigures, Companions, OfferHosts } from '../components/Community';
import { OfferForm } from '../components/OfferForm';
import { formatDate } from '../i18n';
import { queryKeys } from '../queries';

function useSaved(keys: string[][]) {
  const client = useQueryClient();
  return () => keys.forEach((queryKey) => void client.invalidateQueries({ queryKey }));
}

function Areas() {
  const { t } = useTranslation();
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: () => api<Page<Area>>('GET', '/v1/areas') });
  const [name, setName] = useState('');
  const [postcodes, setPostcodes] = useState('');
  const saved = useSaved([['areas']]);
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/v1/areas', {
        name,
        postcodes: postcodes
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      setName('');
      setPostcodes('');
      saved();
    },
  });
  return (
    <section aria-labelledby="areas-h">
      <h2 id="areas-h">{t('admin.areas')}</h2>
      {areas.isPending && <Loading />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.postcodes')}</th>
          </tr>
        </thead>
        <tbody>
          {areas.data?.items.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td>{a.postcodes.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <label htmlFor="area-name">{t('admin.name')}</label>
        <input id="area-name" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="area-postcodes">{t('admin.postcodes')}</label>
        <input
          id="area-postcodes"
          value={postcodes}
          onChange={(e) => setPostcodes(e.target.value)}
          placeholder="4000, 4040"
          aria-describedby="area-postcodes-hint"
        />
        <span id="area-postcodes-hint" className="hint">
          {t('admin.postcodesHint')}
        </span>
        <button type="submit">{t('admin.add')}</button>
      </form>
      <ErrorText error={add.error} />
    </section>
  );
}

function BrobyggerRow({ b }: { b: Brobygger }) {
  const { t } = useTranslation();
  const [capacity, setCapacity] = useState(b.capacity);
  const [from, setFrom] = useState(b.absentFrom?.slice(0, 10) ?? '');
  const [to, setTo] = useState(b.absentTo?.slice(0, 10) ?? '');
  const saved = useSaved([['brobyggere']]);
  const save = useMutation({
    mutationFn: () => api('PATCH', `/v1/brobyggere/${b.id}`, { capacity, absentFrom: from || null, absentTo: to || null }),
    onSuccess: saved,
  });
  return (
    <tr>
      <td>{b.displayName}</td>
      <td>{b.activeCases}</td>
      <td>
        <label className="sr-only" htmlFor={`cap-${b.id}`}>
          {t('admin.capacity')}: {b.displayName}
        </label>
        <input
          id={`cap-${b.id}`}
          type="number"
          min={0}
          style={{ width: '5rem' }}
          value={capacity}
          onChange={(e) => setCapacity(Number(e.target.value))}
        />
      </td>
      <td>{b.languages.join(', ')}</td>
      <td>
        <label className="sr-only" htmlFor={`from-${b.id}`}>
          {t('admin.absentFrom')}: {b.displayName}
        </label>
        <input id={`from-${b.id}`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 'auto' }} />{' '}
        <label className="sr-only" htmlFor={`to-${b.id}`}>
          {t('admin.absentTo')}: {b.displayName}
        </label>
        <input id={`to-${b.id}`} type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 'auto' }} />
      </td>
      <td>
        <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
          {t('app.save')}
        </button>
        {save.isSuccess && <span role="status"> {t('admin.saved')}</span>}
        <ErrorText error={save.error} />
      </td>
    </tr>
  );
}

function Brobyggere() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: queryKeys.brobyggere, queryFn: () => api<Page<Brobygger>>('GET', '/v1/brobyggere?limit=200') });
  return (
    <section aria-labelledby="brobyggere-h">
      <h2 id="brobyggere-h">{t('admin.brobyggere')}</h2>
      {list.isPending && <Loading />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('dashboard.active')}</th>
            <th scope="col">{t('admin.capacity')}</th>
            <th scope="col">{t('admin.languages')}</th>
            <th scope="col">{t('admin.absent')}</th>
            <th scope="col">
              <span className="sr-only">{t('app.save')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((b) => (
            <BrobyggerRow key={b.id} b={b} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Users() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('referrer');
  const [organisation, setOrganisation] = useState('');
  const [organisationKind, setOrganisationKind] = useState('gp');
  const add = useMutation({
    mutationFn: () =>
      api('POST', '/v1/users', {
        username,
        displayName,
        role,
        ...(organisation ? { organisation } : {}),
        ...(role === 'referrer' ? { organisationKind } : {}),
      }),
    onSuccess: () => {
      setUsername('');
      setDisplayName('');
      setOrganisation('');
    },
  });
  return (
    <section aria-labelledby="users-h">
      <h2 id="users-h">{t('admin.users')}</h2>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <div className="grid2">
          <div>
            <label htmlFor="user-username">{t('admin.username')}</label>
            <input id="user-username" value={username} onChange={(e) => setUsername(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="user-name">{t('admin.displayName')}</label>
            <input id="user-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
          </div>
          <div>
            <label htmlFor="user-role">{t('admin.role')}</label>
            <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['referrer', 'brobygger', 'coordinator'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="user-org">{t('admin.organisation')}</label>
            <input id="user-org" value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
          </div>
          {role === 'referrer' && (
            <div>
              <label htmlFor="user-org-kind">{t('admin.organisationKind')}</label>
              <select id="user-org-kind" value={organisationKind} onChange={(e) => setOrganisationKind(e.target.value)}>
                {ORGANISATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`report.rows.source.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="buttons">
          <button type="submit">{t('admin.add')}</button>
        </div>
        {add.isSuccess && <p role="status">{t('admin.saved')}</p>}
        <ErrorText error={add.error} />
      </form>
      <UserList />
    </section>
  );
}

/**
 * The municipality's users with deactivation (`PATCH /v1/users/:id {active}`): it
 * signs the person out at once and sends a brobygger's open cases back to the
 * queue, so it asks first, in the row itself.
 */
function UserList() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => api<Page<AdminUser>>('GET', '/v1/users') });
  const [asking, setAsking] = useState<string | null>(null);
  const saved = useSaved([['users'], ['brobyggere']]);
  const change = useMutation({
    mutationFn: (u: { id: string; active: boolean }) => api('PATCH', `/v1/users/${u.id}`, { active: u.active }),
    onSuccess: () => {
      setAsking(null);
      saved();
    },
  });
  if (users.isPending) return <Loading />;
  if (users.error) return <ErrorText error={users.error} />;
  return (
    <>
      <h3 id="user-list-h">{t('admin.userList')}</h3>
      <ErrorText error={change.error} />
      <table aria-labelledby="user-list-h">
        <thead>
          <tr>
            <th scope="col">{t('admin.displayName')}</th>
            <th scope="col">{t('admin.username')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.access')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>{u.displayName}</td>
              <td>{u.username}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>
                {u.active ? t('admin.active') : <span className="badge">{t('admin.inactive')}</span>}{' '}
                {u.id === me?.id ? null : asking === u.id ? (
                  <div role="group" className="confirm" aria-label={t('admin.confirmDeactivate', { name: u.displayName })}>
                    <p>{t('admin.confirmDeactivate', { name: u.displayName })}</p>
                    <button type="button" className="danger" onClick={() => change.mutate({ id: u.id, active: false })}>
                      {t('admin.deactivateYes')}
                    </button>{' '}
                    <button type="button" className="secondary" onClick={() => setAsking(null)}>
                      {t('app.cancel')}
                    </button>
                  </div>
                ) : u.active ? (
                  <button type="button" className="link" onClick={() => setAsking(u.id)}>
                    {t('admin.deactivate')}
                  </button>
                ) : (
                  <button type="button" className="link" onClick={() => change.mutate({ id: u.id, active: true })}>
                    {t('admin.reactivate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Directory() {
  const { t } = useTranslation();
  const orgs = useQuery({
    queryKey: queryKeys.organisations,
    queryFn: () => api<Page<Organisation>>('GET', '/v1/organisations?limit=200'),
  });
  const offers = useQuery({ queryKey: queryKeys.offers.all, queryFn: () => api<Page<Offer>>('GET', '/v1/offers?limit=200') });
  const saved = useSaved([['offers']]);
  const verify = useMutation({ mutationFn: (id: string) => api('PATCH', `/v1/offers/${id}`, { verified: true }), onSuccess: saved });
  // Paused: not suggested in plans until resumed (a season break, a full team).
  const pause = useMutation({
    mutationFn: (o: { id: string; status: 'active' | 'paused' }) => api('PATCH', `/v1/offers/${o.id}`, { status: o.status }),
    onSuccess: saved,
  });
  const orgName = new Map(orgs.data?.items.map((o) => [o.id, o.name]));
  const [hostsOf, setHostsOf] = useState<Offer | null>(null);
  // The offer being edited, or 'new'; the form opens above the table.
  const [editing, setEditing] = useState<Offer | 'new' | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  return (
    <section aria-labelledby="directory-h">
      <h2 id="directory-h">{t('admin.directory')}</h2>
      {editing ? (
        <OfferForm
          key={editing === 'new' ? 'new' : editing.id}
          offer={editing === 'new' ? null : editing}
          organisations={orgs.data?.items ?? []}
          onDone={(wasSaved) => {
            setSavedNote(wasSaved);
            setEditing(null);
          }}
        />
      ) : (
        <div className="buttons">
          <button type="button" onClick={() => (setSavedNote(false), setEditing('new'))}>
            {t('offerForm.newButton')}
          </button>
          {savedNote && <span role="status">{t('offerForm.saved')}</span>}
        </div>
      )}
      {offers.isPending && <Loading />}
      <ErrorText error={verify.error ?? pause.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('plan.offer')}</th>
            <th scope="col">{t('admin.organisation')}</th>
            <th scope="col">{t('plan.freePlaces', { n: '' })}</th>
            <th scope="col">{t('admin.lastVerified')}</th>
            <th scope="col">{t('community.hosts')}</th>
          </tr>
        </thead>
        <tbody>
          {offers.data?.items.map((o) => (
            <tr key={o.id} data-testid="offer-row">
              <td>
                {o.name} {o.status === 'paused' && <span className="badge">{t('admin.paused')}</span>}{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => (setSavedNote(false), setEditing(o))}
                  aria-label={`${t('offerForm.editButton')}: ${o.name}`}
                >
                  {t('offerForm.editButton')}
                </button>{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => pause.mutate({ id: o.id, status: o.status === 'paused' ? 'active' : 'paused' })}
                  aria-label={`${o.status === 'paused' ? t('admin.resume') : t('admin.pause')}: ${o.name}`}
                >
                  {o.status === 'paused' ? t('admin.resume') : t('admin.pause')}
                </button>
              </td>
              <td>{orgName.get(o.organisationId) ?? '–'}</td>
              <td>{o.freePlaces ?? '∞'}</td>
              <td>
                {formatDate(o.lastVerifiedAt)}
                {o.stale && <span className="badge warn">{t('admin.stale')}</span>}
                {o.checkOverdue && <span className="badge warn">{t('community.checkOverdue')}</span>}
                {(o.stale || o.checkOverdue) && (
                  <button type="button" className="link" onClick={() => verify.mutate(o.id)}>
                    {t('admin.verify')}
                  </button>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-expanded={hostsOf?.id === o.id}
                  onClick={() => setHostsOf(hostsOf?.id === o.id ? null : o)}
                >
                  {t('community.showHosts', { offer: o.name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hostsOf && <OfferHosts key={hostsOf.id} offer={hostsOf} />}
    </section>
  );
}

/** Administration for coordinators: areas, brobyggere, users and the directory. */
export function Admin() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <Areas />
      <Brobyggere />
      <Users />
      <Directory />
      <Companions />
      <BridgeFigures />
    </section>
  );
}
