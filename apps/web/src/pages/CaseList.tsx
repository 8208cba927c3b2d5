import { useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, Area, Brobygger, CaseSummary, FollowUp, Page } from '../api';
import { useAuth } from '../auth';
import { AddressProtectedBadge } from '../components/AddressProtected';
import { ErrorText, Loading } from '../components/Layout';
import { cprLooksValid, maskCpr } from '../cpr';
import { formatDate } from '../i18n';
import { useReasonLabel, queryKeys } from '../queries';
import { AwaitingConsentList } from '../components/AwaitingConsentList';

const PAGE_SIZE = 25;
const SORTS = ['-createdAt', 'createdAt', 'name', '-updatedAt'] as const;
/** The filters kept in the URL (never a CPR number: that is searched in a request body). */
const FILTERS = ['q', 'status', 'areaId', 'assignee', 'reason', 'needsAttention', 'sort'] as const;

/** The list query for the URL's filters: what the server filters, sorts and pages. */
function listPath(params: URLSearchParams, mine: boolean, page: number): string {
  const query = new URLSearchParams();
  for (const key of FILTERS) {
    const value = params.get(key);
    // `all` lifts "Mine borgere"'s default of open cases; the server knows no such status.
    if (value && !(key === 'status' && value === 'all')) query.set(key, value);
  }
  if (mine) query.set('assignee', 'me');
  query.set('limit', String(PAGE_SIZE));
  query.set('offset', String(page * PAGE_SIZE));
  return `/v1/referrals?${query.toString()}`;
}

/**
 * The case list: "Mine borgere" for a brobygger (`mine`: open cases by default, each
 * with its next follow-up) and "Sager" for coordinators (every case, with its
 * brobygger). Search by name or phone and the filters live in the URL, so a list can be
 * bookmarked, shared and returned to; a CPR number is recognised as one and searched
 * with `POST /v1/referrals/search`, so it never reaches the address bar or a log. Paged by
 * the server, with the total shown.
 */
export function CaseList({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const coordinator = me?.role === 'coordinator';
  const reasonLabel = useReasonLabel();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('side') ?? '1') - 1) || 0;
  // Closed cases leave "Mine borgere" unless asked for.
  const effective = new URLSearchParams(params);
  if (mine && !params.has('status')) effective.set('status', 'open');
  effective.delete('side');
  const [text, setText] = useState(params.get('q') ?? '');
  const [cpr, setCpr] = useState<string | null>(null);
  // Back and forward restore the search box from the URL (a CPR search is not in it).
  useEffect(() => {
    if (cpr === null) setText(params.get('q') ?? '');
  }, [params, cpr]);

  const list = useQuery({
    queryKey: queryKeys.referrals.list(mine, effective.toString(), page),
    queryFn: () => api<Page<CaseSummary>>('GET', listPath(effective, mine, page)),
    enabled: cpr === null,
  });
  const byCpr = useQuery({
    queryKey: queryKeys.referrals.cpr(cpr),
    queryFn: () => api<Page<CaseSummary>>('POST', '/v1/referrals/search', { cpr }),
    enabled: cpr !== null,
  });
  const followUps = useQuery({
    queryKey: queryKeys.followUps.openAssignedToMe,
    queryFn: () => api<Page<FollowUp>>('GET', '/v1/follow-ups?view=open&assignee=me&limit=200'),
    enabled: mine,
  });
  const areas = useQuery({ queryKey: queryKeys.areas, queryFn: () => api<Page<Area>>('GET', '/v1/areas'), enabled: coordinator });
  const brobyggere = useQuery({
    queryKey: queryKeys.brobyggere,
    queryFn: () => api<Page<Brobygger>>('GET', '/v1/brobyggere?limit=200'),
    enabled: coordinator && !mine,
  });
  const reasons = useQuery({
    queryKey: queryKeys.reasons,
    queryFn: () => api<Page<{ code: string; da: string; en: string }>>('GET', '/v1/reference/reasons'),
    staleTime: Infinity,
  });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('side');
    setParams(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (cprLooksValid(value)) {
      setCpr(value.replace(/[\s-]/g, ''));
      set('q', '');
      return;
    }
    setCpr(null);
    set('q', value.length >= 2 ? value : '');
  };
  const reset = () => {
    setCpr(null);
    setText('');
    setParams(new URLSearchParams());
  };

  const result = cpr ? byCpr : list;
  const next = new Map<string, FollowUp>();
  for (const f of followUps.data?.items ?? []) if (!next.has(f.referralId)) next.set(f.referralId, f); // sorted by due time
  const total = result.data?.total ?? 0;
  const from = cpr ? 1 : page * PAGE_SIZE + 1;
  const shown = result.data?.items.length ?? 0;
  const statusFilter = params.get('status') ?? (mine ? 'open' : '');

  return (
    <section>
      <h1>{mine ? t('caseload.title') : t('work.cases')}</h1>
      {mine && !coordinator && (
        // Public referrals of the brobygger's areas waiting for a first call (ADR 0030).
        <section aria-labelledby="awaiting-h">
          <h2 id="awaiting-h">{t('dashboard.awaitingConsent')}</h2>
          <AwaitingConsentList />
        </section>
      )}
      <form role="search" className="search" onSubmit={search}>
        <label htmlFor="case-search">{t('work.search')}</label>
        <div className="inline">
          <input
            id="case-search"
            type="search"
            value={cpr ? maskCpr(cpr) : text}
            onChange={(e) => {
              setCpr(null);
              setText(e.target.value);
            }}
            aria-describedby="case-search-help"
            autoComplete="off"
          />
          <button type="submit">{t('work.searchButton')}</button>
          <button type="button" className="secondary" onClick={reset}>
            {t('work.clear')}
          </button>
        </div>
        <p id="case-search-help" className="hint">
          {t('work.searchHelp')}
        </p>
      </form>
      <fieldset className="filters">
        <legend>{t('work.filters')}</legend>
        <label>
          {t('work.status')}{' '}
          <select value={statusFilter} onChange={(e) => set('status', e.target.value || (mine ? 'all' : ''))}>
            <option value={mine ? 'all' : ''}>{t('work.statuses.all')}</option>
            <option value="open">{t('work.statuses.open')}</option>
            <option value="closed">{t('work.statuses.closed')}</option>
          </select>
        </label>
        {coordinator && (
          <label>
            {t('work.area')}{' '}
            <select value={params.get('areaId') ?? ''} onChange={(e) => set('areaId', e.target.value)}>
              <option value="">{t('work.allAreas')}</option>
              {areas.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {coordinator && !mine && (
          <label>
            {t('work.brobygger')}{' '}
            <select value={params.get('assignee') ?? ''} onChange={(e) => set('assignee', e.target.value)}>
              <option value="">{t('work.allBrobyggere')}</option>
              {brobyggere.data?.items.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('work.reason')}{' '}
          <select value={params.get('reason') ?? ''} onChange={(e) => set('reason', e.target.value)}>
            <option value="">{t('work.allReasons')}</option>
            {reasons.data?.items.map((r) => (
              <option key={r.code} value={r.code}>
                {reasonLabel(r.code)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={params.get('needsAttention') === 'true'}
            onChange={(e) => set('needsAttention', e.target.checked ? 'true' : '')}
          />
          {t('work.needsAttention')}
        </label>
        <label>
          {t('work.sort')}{' '}
          <select value={params.get('sort') ?? '-createdAt'} onChange={(e) => set('sort', e.target.value)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`work.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      {cpr && <h2>{t('work.cprResult', { cpr: maskCpr(cpr) })}</h2>}
      {result.isPending && <Loading />}
      <ErrorText error={result.error} />
      {result.data && (
        <p role="status" data-testid="case-total">
          {shown === 0 ? t('work.none') : t('work.showing', { from, to: from + shown - 1, total })}
        </p>
      )}
      <ul className="case-rows">
        {result.data?.items.map((c) => {
          const f = next.get(c.id);
          return (
            <li key={c.id} data-testid="case-row" className={f && Date.parse(f.dueAt) < Date.now() ? 'overdue' : undefined}>
              <div className="case-who">
                <Link to={`/sager/${c.id}`}>{c.citizen.name ?? (c.restricted ? t('work.restricted') : t('work.noName'))}</Link>{' '}
                <span className="muted">{c.citizen.cpr ?? ''}</span>
                <AddressProtectedBadge marked={c.citizen.addressProtected} />
              </div>
              <div>
                <span className={`badge status-${c.status}`}>{t(`status.${c.status}`)}</span>
                {c.needsAttention && <span className="badge warn">{t('caseload.needsAttention')}</span>}
              </div>
              {!mine && (
                <div>
                  <span className="muted">{t('work.brobygger')}:</span> {c.assignee?.displayName ?? t('work.unassigned')}
                </div>
              )}
              {mine && (
                <div>
                  <span className="muted">{t('caseload.next')}:</span>{' '}
                  {f ? `${t(`followUps.kinds.${f.kind}`)} · ${formatDate(f.dueAt)}` : '–'}
                </div>
              )}
              <div>
                <span className="muted">{t('work.reasons')}:</span> {c.reasons.map(reasonLabel).join(', ')}
                {c.area?.name ? ` · ${c.area.name}` : ''}
              </div>
              <div className="muted">
                {t('work.created')} {formatDate(c.createdAt)}
              </div>
            </li>
          );
        })}
      </ul>
      {!cpr && total > PAGE_SIZE && (
        <nav className="buttons" aria-label={t('work.showing', { from, to: from + shown - 1, total })}>
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('work.previous')}
          </button>
          <button type="button" className="secondary" disabled={from + shown - 1 >= total} onClick={() => setPage(page + 1)}>
            {t('work.next')}
          </button>
        </nav>
      )}
    </section>
  );

  function setPage(n: number) {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('side', String(n + 1));
    else next.delete('side');
    setParams(next);
  }
}
