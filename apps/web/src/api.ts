/**
 * The one way the app talks to the server: the HTTP contract under /v1
 * (shared/design/api.md). The token lives in sessionStorage, so closing the tab
 * signs out; nothing personal is kept in the browser beyond it.
 */
const TOKEN_KEY = 'bro.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message?: string | string[]; details?: unknown } | null,
  ) {
    super(Array.isArray(body?.message) ? body.message.join(', ') : (body?.message ?? `HTTP ${status}`));
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event('bro:token'));
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const token = getToken();
  const res = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : null;
  if (res.status === 401 && token) setToken(null);
  if (!res.ok) throw new ApiError(res.status, data as ApiError['body']);
  return data as T;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type Role = 'referrer' | 'brobygger' | 'coordinator';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  municipalityId: string;
}

export interface ReferrerView {
  id: string;
  status: string;
  milestones: { status: string; at: string; outcome?: string }[];
  summary?: string;
}

export interface CaseSummary {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  citizen: { id: string; name: string; cpr: string | null };
  reasons: string[];
  area: { id: string; name: string | null } | null;
  assignee: { id: string; userId: string; displayName: string | null } | null;
  unassignedReason?: string;
  needsAttention?: boolean;
  /** A possible duplicate (or one decided): the open case it concerns, and the clinic that sent it (ADR 0014). */
  duplicateOf?: { id: string; status: string };
  referrer?: { id: string; organisation: string | null };
}

export interface ReferrerRef {
  id: string;
  displayName: string | null;
  organisation: string | null;
}

/** "Oplyst af <klinik> <dato>": only the fields that differed from the citizen's. */
export interface ReportedDetails {
  id: string;
  organisation: string | null;
  referrer: ReferrerRef;
  at: string;
  name?: string;
  phone?: string;
  email?: string;
  address?: { street: string | null; postcode: string | null; city: string | null };
  language?: string;
  contactPreferences?: Record<string, unknown>;
}

export interface Conversation {
  id: string;
  kind: string;
  heldAt: string;
  durationMinutes: number;
  location: string;
  wheel: Record<string, number> | null;
  who5Score: number | null;
  ucla3Score: number | null;
  notes?: string | null;
  whatMatters?: string | null;
  wishes?: string | null;
  wantToTry?: string | null;
}

export interface PlanStep {
  description: string;
  offerId?: string;
  dueAt?: string;
  companion?: boolean;
  host?: string;
  transport?: string;
  status?: string;
  offer?: Offer & { noFreePlaces: boolean; paused: boolean };
}

export interface Measure {
  at: string;
  who5Score: number | null;
  ucla3Score: number | null;
}

export interface FullCase extends CaseSummary {
  citizen: CaseSummary['citizen'] & {
    phone: string | null;
    email: string | null;
    address: { street: string | null; postcode: string | null; city: string | null };
    language: string | null;
    contactPreferences: Record<string, unknown> | null;
  };
  note?: string;
  closedAt: string | null;
  outcome?: string;
  summary?: string;
  summaryApprovedByCitizen?: boolean;
  referrer: { id: string; displayName: string | null; organisation: string | null };
  consents: { referral?: boolean; referrerFeedback: string; shareWithHost: boolean; sms: boolean; statistics: boolean };
  statusHistory: { from: string | null; to: string; at: string }[];
  considerUnreachable: boolean;
  nextActions: CaseAction[];
  contactAttempts: { outcome: string; channel: string; attemptedAt: string; note?: string | null }[];
  conversations: Conversation[];
  outcomes?: { baseline: Measure | null; latest: Measure | null; change: { who5: number | null; ucla3: number | null } | null };
  plan: {
    goals: string[];
    steps: PlanStep[];
    version: number;
    updatedAt: string;
    history?: { version: number; changedAt: string }[];
  } | null;
  followUps: FollowUp[];
  linkedReferrals?: {
    id: string;
    referralId?: string;
    referrer: ReferrerRef;
    reasons: string[];
    note?: string | null;
    createdAt: string;
    referrerFeedback?: string;
  }[];
  possibleDuplicates?: {
    id: string;
    referrer: ReferrerRef;
    reasons: string[];
    note?: string | null;
    createdAt: string;
    reportedDetails: ReportedDetails[];
  }[];
  reportedDetails?: ReportedDetails[];
  duplicate?: { decision: 'confirmed' | 'rejected' | null; decidedAt: string | null; note: string | null };
}

export type CaseAction =
  | 'assign'
  | 'contact_attempt'
  | 'first_conversation'
  | 'follow_up_conversation'
  | 'plan'
  | 'hold'
  | 'resume'
  | 'close'
  | 'decide_duplicate';

export interface FollowUp {
  id: string;
  referralId: string;
  kind: string;
  dueAt: string;
  status: string;
  assigneeId: string | null;
  overdueSince?: string | null;
}

export interface QueueSummary {
  unassigned: number;
  firstContactDue: number;
  dueToday: number;
  overdue: number;
  escalated: number;
  caseload?: { brobyggerId: string; activeCases: number; capacity: number }[];
}

export interface Brobygger {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  areaIds: string[];
  capacity: number;
  activeCases: number;
  languages: string[];
  absentFrom?: string | null;
  absentTo?: string | null;
  active?: boolean;
}

export interface Area {
  id: string;
  name: string;
  postcodes: string[];
}

export interface Offer {
  id: string;
  organisationId: string;
  name: string;
  description: string | null;
  category: string;
  areaId: string | null;
  schedule: string | null;
  acceptsSpecialNeeds: boolean;
  companionAvailable: boolean;
  freePlaces: number | null;
  status: string;
  lastVerifiedAt: string | null;
  stale?: boolean;
}

export interface Organisation {
  id: string;
  name: string;
  description: string | null;
}
