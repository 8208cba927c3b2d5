/**
 * The one way the app talks to the server: the HTTP contract under /v1
 * (shared/design/api.md). The token lives in sessionStorage, so closing the tab
 * signs out; nothing personal is kept in the browser beyond it.
 */
import type { CaseAction } from '@bro/case-kernel';

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
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
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

/**
 * A file from the api (the council report as CSV or PDF): fetched with the token, then
 * handed to the browser as a download — a plain link could not carry the token.
 */
export async function download(path: string, fileName: string): Promise<void> {
  const token = getToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const type = res.headers.get('content-type') ?? '';
    throw new ApiError(res.status, type.includes('json') ? ((await res.json()) as ApiError['body']) : null);
  }
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
  /** `addressProtected`: name-and-address protection (absent on a restricted case, which shows only that it exists). */
  citizen: { id: string; name: string; cpr: string | null; addressProtected?: boolean };
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
  /** Free text: absent where the case is shown without notes. */
  location?: string;
  wheel: Record<string, number> | null;
  who5Score: number | null;
  ucla3Score: number | null;
  notes?: string | null;
  whatMatters?: string | null;
  wishes?: string | null;
  wantToTry?: string | null;
}

export interface PlanStep {
  /** Stable across plan versions; hand-offs name it. */
  id?: string;
  /** Free text: absent where the case is shown without notes (as `host`). */
  description?: string;
  offerId?: string;
  hostId?: string;
  companionId?: string;
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
    /** Name-and-address protection: address, phone and e-mail are null unless the viewer holds the case or coordinates. */
    addressProtected: boolean;
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
    /** Free text: absent where the case is shown without notes. */
    goals?: string[];
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

// The case's legal next steps are the kernel's words (ADR 0020), not a copy.
export type { CaseAction };

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
  /** Coordinators: e-mails that could not be delivered (ADR 0017). */
  undeliveredMessages?: number;
  caseload?: { brobyggerId: string; activeCases: number; capacity: number }[];
}

/** `GET /v1/notifications/undelivered`: a message the mail server refused or could not take. */
export interface UndeliveredMessage {
  id: string;
  kind: string;
  referralId: string | null;
  subject: string;
  /** `id` null: a host or følgeven outside Bro, named by their label. */
  recipient: { id: string | null; displayName: string };
  deliveryStatus: 'pending' | 'failed';
  deliveryAttempts: number;
  lastErrorCode: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
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
  /** A check mailed to its host went unanswered for 14 days. */
  checkOverdue?: boolean;
}

export interface Host {
  id: string;
  offerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
}

export interface Companion {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  areaIds: string[];
  languages: string[];
  availability: string | null;
  active: boolean;
}

export type HandoverAnswer = 'attended' | 'did_not_attend' | 'continuing' | 'cannot_receive';

/** A hand-off of a plan step as the case's staff see it. */
export interface Handover {
  id: string;
  stepId: string;
  to: 'host' | 'companion';
  recipientName: string | null;
  firstVisitAt: string;
  expiresAt: string;
  state: 'sent' | 'opened' | 'answered' | 'revoked' | 'expired';
  answer: HandoverAnswer | null;
  answeredAt: string | null;
  sentAt: string;
}

/** The public hand-off page: only what the disclosure policy lets a host or følgeven see. */
export interface HandoverPageData {
  recipient: 'host' | 'companion';
  firstName: string | null;
  offer: { name: string; organisation: string | null } | null;
  firstVisit: { at: string; place: string | null };
  companion: { firstName: string } | null;
  message: string | null;
  answer: HandoverAnswer | null;
  answeredAt: string | null;
  expiresAt: string;
}

export interface OfferCheckData {
  offer: { name: string; organisation: string; schedule: string | null; freePlaces: number | null; status: string };
  sentAt: string;
  answeredAt: string | null;
  running: boolean | null;
}

export interface AssociationFigures {
  organisationId: string;
  organisation: string;
  sent: number;
  answered: number;
  attended: number;
  continuing: number;
  didNotAttend: number;
  cannotReceive: number;
}

export interface Organisation {
  id: string;
  name: string;
  description: string | null;
}

/** A count in a report: the number, or hidden — `small` (1–4 citizens, "< 5") or `complementary` ("(skjult)"). */
export interface ReportCount {
  value: number | null;
  suppressed: boolean;
  reason?: 'small' | 'complementary';
}

export interface ReportBreakdown {
  total: ReportCount;
  rows: { key: string; label: string; count: ReportCount; share: number | null }[];
}

export interface ReportDuration {
  n: ReportCount;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
}

export interface ReportChange {
  n: ReportCount;
  baselineMean: number | null;
  laterMean: number | null;
  meanChange: number | null;
  ci95: { lower: number; upper: number } | null;
}

/** `GET /v1/reports/council` */
export interface CouncilReport {
  title: string;
  municipality: string;
  period: { from: string; to: string };
  area: { id: string; name: string } | null;
  generatedAt: string;
  threshold: number;
  citizens: ReportCount;
  referrals: { bySource: ReportBreakdown; byReason: ReportBreakdown; byArea: ReportBreakdown; byMonth: ReportBreakdown };
  time: { toFirstContact: ReportDuration; toFirstConversation: ReportDuration };
  bridging: { bridged: ReportBreakdown; continuingAt3Months: ReportBreakdown };
  wellbeing: { who5: ReportChange; ucla3: ReportChange };
  afterClosing: Record<'months3' | 'months9', { followUps: ReportBreakdown; who5: ReportChange; ucla3: ReportChange }>;
  outcomes: ReportBreakdown;
  method: { da: string[]; en: string[] };
}
