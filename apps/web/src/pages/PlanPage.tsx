import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ChosenOffer, Companion, Host, Offer, Page, PlanStep } from '../api';
import { ErrorText, Loading } from '../components/Layout';
import { useCase, queryKeys } from '../queries';

const TRANSPORTS = ['citizen', 'brobygger', 'companion', 'organisation', 'none'] as const;
const STEP_STATUSES = [
  'planned',
  'contacted_offer',
  'first_visit_booked',
  'attended',
  'continuing',
  'did_not_attend',
  'cannot_receive',
  'dropped',
] as const;

interface StepDraft {
  /** Kept across versions, so the step's hand-offs stay with it. */
  id?: string;
  hostId: string;
  companionId: string;
  description: string;
  offer: ChosenOffer | null;
  dueAt: string;
  companion: boolean;
  host: string;
  transport: string;
  status: string;
}

function OfferFacts({ offer }: { offer: ChosenOffer }) {
  const { t } = useTranslation();
  return (
    <ul className="facts">
      <li className={offer.freePlaces === 0 ? 'danger-text' : undefined}>
        {offer.freePlaces === null
          ? t('plan.unlimited')
          : offer.freePlaces === 0
            ? t('plan.noFreePlaces')
            : t('plan.freePlaces', { n: offer.freePlaces })}
      </li>
      {offer.acceptsSpecialNeeds && <li>{t('plan.specialNeeds')}</li>}
      {offer.companionAvailable && <li>{t('plan.companionAvailable')}</li>}
      {'schedule' in offer && offer.schedule && <li>{offer.schedule}</li>}
    </ul>
  );
}

/** Finds an offer in the directory (`GET /v1/offers?q=`) for one plan step. */
function OfferSearch({ n, onChoose }: { n: number; onChoose: (offer: Offer) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState<string | null>(null);
  const results = useQuery({
    queryKey: queryKeys.offers.search(term),
    queryFn: () => api<Page<Offer>>('GET', `/v1/offers?q=${encodeURIComponent(term ?? '')}&limit=20`),
    enabled: term !== null,
  });
  return (
    <div className="offer-search">
      <label htmlFor={`offer-q-${n}`}>{t('plan.searchOffer')}</label>
      <div className="inline">
        <input
          id={`offer-q-${n}`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              setTerm(q);
            }
          }}
        />
        <button type="button" onClick={() => setTerm(q)}>
          {t('plan.search')}
        </button>
      </div>
      {results.data && results.data.items.length === 0 && <p>{t('plan.noResults')}</p>}
      <ul className="rows">
        {results.data?.items.map((o) => (
          <li key={o.id} data-testid="offer-result">
            <div>
              <strong>{o.name}</strong>
              <OfferFacts offer={o} />
            </div>
            <button type="button" onClick={() => onChoose(o)} aria-label={`${t('plan.choose')}: ${o.name}`}>
              {t('plan.choose')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The offer's hosts (`GET /v1/offers/:id/hosts`): the step may name one, who then can be sent the hand-off. */
function HostSelect({ n, offerId, value, onChange }: { n: number; offerId: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const hosts = useQuery({ queryKey: queryKeys.hosts(offerId), queryFn: () => api<Page<Host>>('GET', `/v1/offers/${offerId}/hosts`) });
  if (!hosts.data?.items.length) return null;
  return (
    <div>
      <label htmlFor={`step-${n}-host-id`}>{t('community.host')}</label>
      <select id={`step-${n}-host-id`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('community.chooseHost')}</option>
        {hosts.data.items.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Følgevenner of the brobygger's areas (`GET /v1/companions`). */
function CompanionSelect({ n, value, onChange }: { n: number; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const companions = useQuery({ queryKey: queryKeys.companions, queryFn: () => api<Page<Companion>>('GET', '/v1/companions') });
  const active = companions.data?.items.filter((c) => c.active || c.id === value) ?? [];
  if (!active.length) return null;
  return (
    <div>
      <label htmlFor={`step-${n}-companion-id`}>{t('community.companion')}</label>
      <select id={`step-${n}-companion-id`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('community.chooseCompanion')}</option>
        {active.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function toDraft(s: PlanStep): StepDraft {
  return {
    id: s.id,
    hostId: s.hostId ?? '',
    companionId: s.companionId ?? '',
    description: s.description ?? '',
    offer: s.offer ?? (s.offerId ? ({ id: s.offerId, name: s.offerId } as Offer) : null),
    dueAt: s.dueAt ? s.dueAt.slice(0, 10) : '',
    companion: !!s.companion,
    host: s.host ?? '',
    transport: s.transport ?? '',
    status: s.status ?? 'planned',
  };
}

const EMPTY_STEP: StepDraft = {
  hostId: '',
  companionId: '',
  description: '',
  offer: null,
  dueAt: '',
  companion: false,
  host: '',
  transport: '',
  status: 'planned',
};

/** The personal plan: goals and steps, each step possibly bridging to an offer (`PUT /v1/referrals/:id/plan`). */
export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const c = useCase(id);
  const [goals, setGoals] = useState<string[]>(['']);
  const [steps, setSteps] = useState<StepDraft[]>([EMPTY_STEP]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    if (loaded || !c.data) return;
    if (c.data.plan) {
      setGoals(c.data.plan.goals?.length ? c.data.plan.goals : ['']);
      setSteps(c.data.plan.steps.length ? c.data.plan.steps.map(toDraft) : [EMPTY_STEP]);
    }
    setLoaded(true);
  }, [c.data, loaded]);

  const save = useMutation({
    mutationFn: () =>
      api('PUT', `/v1/referrals/${id}/plan`, {
        goals: goals.filter((g) => g.trim()),
        steps: steps
          .filter((s) => s.description.trim())
          .map((s) => ({
            ...(s.id ? { id: s.id } : {}),
            description: s.description,
            ...(s.offer ? { offerId: s.offer.id } : {}),
            ...(s.offer && s.hostId ? { hostId: s.hostId } : {}),
            ...(s.companionId ? { companionId: s.companionId } : {}),
            ...(s.dueAt ? { dueAt: new Date(`${s.dueAt}T12:00:00`).toISOString() } : {}),
            companion: s.companion,
            ...(s.host ? { host: s.host } : {}),
            ...(s.transport ? { transport: s.transport } : {}),
            status: s.status,
          })),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.case(id) });
      await navigate(`/sager/${id}`);
    },
  });
  const setStep = (i: number, patch: Partial<StepDraft>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  if (c.isPending) return <Loading />;
  return (
    <section>
      <p>
        <Link to={`/sager/${id}`}>← {c.data?.citizen.name}</Link>
      </p>
      <h1>{t('plan.title')}</h1>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset>
          <legend>{t('plan.goals')}</legend>
          {goals.map((g, i) => (
            <div key={i} className="inline">
              <label htmlFor={`goal-${i}`}>{t('plan.goal', { n: i + 1 })}</label>
              <input id={`goal-${i}`} value={g} onChange={(e) => setGoals(goals.map((x, j) => (j === i ? e.target.value : x)))} />
              {goals.length > 1 && (
                <button type="button" className="link" onClick={() => setGoals(goals.filter((_, j) => j !== i))}>
                  {t('plan.remove')}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => setGoals([...goals, ''])}>
            {t('plan.addGoal')}
          </button>
        </fieldset>
        {steps.map((s, i) => (
          <fieldset key={i} className="step" data-testid="plan-step">
            <legend>{t('plan.step', { n: i + 1 })}</legend>
            <div className="grid2">
              <div>
                <label htmlFor={`step-${i}-description`}>{t('plan.description')}</label>
                <input id={`step-${i}-description`} value={s.description} onChange={(e) => setStep(i, { description: e.target.value })} />
              </div>
              <div>
                <label htmlFor={`step-${i}-due`}>{t('plan.dueAt')}</label>
                <input id={`step-${i}-due`} type="date" value={s.dueAt} onChange={(e) => setStep(i, { dueAt: e.target.value })} />
              </div>
            </div>
            <h3>{t('plan.offer')}</h3>
            {s.offer ? (
              <div className="chosen" data-testid="chosen-offer">
                <p>{t('plan.chosen', { name: s.offer.name })}</p>
                {'freePlaces' in s.offer && <OfferFacts offer={s.offer} />}
                <HostSelect n={i} offerId={s.offer.id} value={s.hostId} onChange={(hostId) => setStep(i, { hostId })} />
                <button type="button" className="link" onClick={() => setStep(i, { offer: null, hostId: '' })}>
                  {t('plan.remove')}
                </button>
              </div>
            ) : (
              <>
                <p className="muted">{t('plan.noOffer')}</p>
                <OfferSearch n={i} onChoose={(offer) => setStep(i, { offer })} />
              </>
            )}
            <div className="grid2">
              <label className="check">
                <input type="checkbox" checked={s.companion} onChange={(e) => setStep(i, { companion: e.target.checked })} />
                {t('plan.companion')}
              </label>
              <CompanionSelect n={i} value={s.companionId} onChange={(companionId) => setStep(i, { companionId })} />
              <div>
                <label htmlFor={`step-${i}-host`}>{t('plan.host')}</label>
                <input id={`step-${i}-host`} value={s.host} onChange={(e) => setStep(i, { host: e.target.value })} />
              </div>
              <div>
                <label htmlFor={`step-${i}-transport`}>{t('plan.transport')}</label>
                <select id={`step-${i}-transport`} value={s.transport} onChange={(e) => setStep(i, { transport: e.target.value })}>
                  <option value="">–</option>
                  {TRANSPORTS.map((tr) => (
                    <option key={tr} value={tr}>
                      {t(`plan.transports.${tr}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`step-${i}-status`}>{t('plan.stepStatus')}</label>
                <select id={`step-${i}-status`} value={s.status} onChange={(e) => setStep(i, { status: e.target.value })}>
                  {STEP_STATUSES.map((st) => (
                    <option key={st} value={st}>
                      {t(`plan.stepStatuses.${st}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {steps.length > 1 && (
              <button type="button" className="link" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                {t('plan.remove')}
              </button>
            )}
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setSteps([...steps, EMPTY_STEP])}>
          {t('plan.addStep')}
        </button>
        <div className="buttons">
          <button type="submit" disabled={save.isPending}>
            {t('app.save')}
          </button>
        </div>
        <ErrorText error={save.error} />
      </form>
    </section>
  );
}
