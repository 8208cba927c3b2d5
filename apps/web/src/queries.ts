/**
 * The app's server state in one place: every query key comes from a factory here, and
 * the queries more than one page reads live here, so a page never imports from
 * another page. Keys are hierarchical: invalidating `queryKeys.referrals.all` refreshes
 * every referral list, `queryKeys.followUps.all` every follow-up queue.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, Area, Brobygger, CodeLabel, FullCase, Page } from './api';

export const queryKeys = {
  me: (token: string | null) => ['me', token] as const,
  authConfig: ['auth-config'] as const,
  case: (id: string) => ['case', id] as const,
  referrals: {
    all: ['referrals'] as const,
    /** A referrer's own referrals. */
    mine: ['referrals', 'mine'] as const,
    /** A brobygger's caseload. */
    assignedToMe: ['referrals', 'me'] as const,
    unassigned: ['referrals', 'unassigned'] as const,
    possibleDuplicates: ['referrals', 'possible_duplicate'] as const,
    possibleDuplicateCount: ['referrals', 'possible_duplicate', 'count'] as const,
    /** Public referrals waiting for a first call (ADR 0030). */
    awaitingConsent: ['referrals', 'awaiting_consent'] as const,
    /** A page of the searchable case list (ADR 0024). */
    list: (mine: boolean, filters: string, page: number) => ['referrals', 'list', mine, filters, page] as const,
    /** The CPR search; the number stays in memory, never in a URL. */
    cpr: (cpr: string | null) => ['referrals', 'cpr', cpr] as const,
  },
  followUps: {
    all: ['follow-ups'] as const,
    view: (view: string) => ['follow-ups', view] as const,
    queue: (queue: string) => ['follow-ups', 'queue', queue] as const,
    openAssignedToMe: ['follow-ups', 'open', 'me'] as const,
  },
  queues: {
    all: ['queues'] as const,
    summary: ['queues', 'summary'] as const,
  },
  undeliveredMessages: ['notifications', 'undelivered'] as const,
  brobyggere: ['brobyggere'] as const,
  areas: ['areas'] as const,
  organisations: ['organisations'] as const,
  offers: {
    all: ['offers', 'all'] as const,
    search: (term: string | null | undefined) => ['offers', term] as const,
  },
  reasons: ['reasons'] as const,
  wheelDomains: ['wheel-domains'] as const,
  statistics: ['statistics'] as const,
  councilReport: (query: string) => ['council-report', query] as const,
  postcodes: ['postcodes'] as const,
  users: ['users'] as const,
  notifications: ['notifications'] as const,
  /** A page of a citizen's access log (coordinators). */
  accessLog: (citizenId: string, offset: number) => ['access-log', citizenId, offset] as const,
  publicMunicipalities: ['public', 'municipalities'] as const,
  places: ['places'] as const,
  appointment: (id: string | null) => ['appointment', id] as const,
  appointments: {
    all: ['appointments'] as const,
    ofCase: (referralId: string) => ['appointments', referralId] as const,
    week: (from: string) => ['appointments', 'week', from] as const,
  },
  citizenCopy: (referralId: string) => ['citizen-copy', referralId] as const,
  hosts: (offerId: string) => ['hosts', offerId] as const,
  companions: ['companions'] as const,
  communityFigures: ['community-figures'] as const,
  handovers: (referralId: string) => ['handovers', referralId] as const,
  handover: (token: string) => ['handover', token] as const,
  offerCheck: (token: string) => ['offer-check', token] as const,
  medcom: {
    /** A case's MedCom thread with the GP (ADR 0028). */
    thread: (referralId: string) => ['medcom', 'thread', referralId] as const,
    /** The coordinators' inbox of messages not yet tied to a case. */
    inbox: ['medcom', 'inbox'] as const,
    /** The case search in the inbox's "Knyt til sag"; the term stays in memory. */
    inboxSearch: (term: string | null) => ['medcom', 'inbox', 'search', term] as const,
  },
};

/** One case as the caller may see it (`GET /v1/referrals/:id`). */
export function useCase(id: string) {
  return useQuery({ queryKey: queryKeys.case(id), queryFn: () => api<FullCase>('GET', `/v1/referrals/${id}`) });
}

/** The referral reasons with their labels (`GET /v1/reference/reasons`): a fixed list. */
export function useReasons() {
  return useQuery({
    queryKey: queryKeys.reasons,
    queryFn: () => api<Page<CodeLabel>>('GET', '/v1/reference/reasons'),
    staleTime: Infinity,
  });
}

/** Reason codes in the user's language. */
export function useReasonLabel() {
  const { i18n } = useTranslation();
  const reasons = useReasons();
  return (code: string) => {
    const r = reasons.data?.items.find((x) => x.code === code);
    return r ? (i18n.language === 'en' ? r.en : r.da) : code;
  };
}

/** The life domains of Samtalehjulet, as codes (`GET /v1/reference/wheel-domains`). */
export function useWheelDomains() {
  return useQuery({
    queryKey: queryKeys.wheelDomains,
    queryFn: () => api<Page<CodeLabel>>('GET', '/v1/reference/wheel-domains'),
    select: (page) => page.items.map((d) => d.code),
    staleTime: Infinity,
  });
}

/** The brobyggere with their load (`GET /v1/brobyggere`). */
export function useBrobyggere() {
  return useQuery({ queryKey: queryKeys.brobyggere, queryFn: () => api<Page<Brobygger>>('GET', '/v1/brobyggere?limit=200') });
}

/** The municipality's areas (`GET /v1/areas`). */
export function useAreas() {
  return useQuery({ queryKey: queryKeys.areas, queryFn: () => api<Page<Area>>('GET', '/v1/areas') });
}
