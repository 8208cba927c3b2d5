/**
 * The one way the app talks to the server: the HTTP contract under /v1
 * (shared/design/api.md). The token lives in sessionStorage, so closing the tab
 * signs out; nothing personal is kept in the browser beyond it.
 */
import type { CaseAction } from '@bro/case-kernel';
import type { components } from './api/schema';

const TOKEN_KEY = 'bro.token';

/**
 * A 4xx or 5xx from the api. Its English `message` is for the log and developers; the
 * screen shows Danish chosen by the stable machine codes (`code`, and per field
 * `details[].codes` or `details.code`, docs/error-codes.md).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message?: string | string[]; code?: string; details?: unknown } | null,
  ) {
    super(Array.isArray(body?.message) ? body.message.join(', ') : (body?.message ?? `HTTP ${status}`));
  }

  /** The kind of failure (`invalid_request`, `not_found`, …); `offline` when the api could not be reached. */
  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'offline' : 'error');
  }

  /** Each field the api named, with its first machine code: `{ 'citizen.name': 'required' }`. */
  get fieldCodes(): Record<string, string> {
    const d = this.body?.details;
    const out: Record<string, string> = {};
    if (Array.isArray(d)) {
      for (const p of d as { field?: unknown; codes?: unknown }[]) {
        if (typeof p?.field === 'string' && Array.isArray(p.codes) && typeof p.codes[0] === 'string') out[p.field] ??= p.codes[0];
      }
    } else if (d && typeof d === 'object') {
      const p = d as { field?: unknown; code?: unknown };
      if (typeof p.field === 'string' && typeof p.code === 'string') out[p.field] = p.code;
    }
    return out;
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
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // No answer at all: the network is down or the api unreachable (status 0, code `offline`).
    throw new ApiError(0, null);
  }
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

/** The response bodies, generated from the server's OpenAPI document (`npm run gen:api`; ADR 0023). */
type Schemas = components['schemas'];

/** A list: `{ items, total }` with `?limit=&offset=` (each `…Page` schema is one of these). */
export type Page<T> = { items: T[]; total: number };

// The public form's referrer kinds and the hand-off answers are the kernel's words, not copies.
export { HANDOVER_ANSWERS, PUBLIC_REFERRER_KINDS } from '@bro/case-kernel';
export type { HandoverAnswer, PublicReferrerKind } from '@bro/case-kernel';

export type Me = Schemas['Me'];
export type Role = Me['role'];
export type AuthConfig = Schemas['DevAuthConfig'] | Schemas['OidcAuthConfig'];
export type DevToken = Schemas['DevToken'];

export type ReferrerView = Schemas['ReferrerView'];
export type CaseSummary = Schemas['CaseSummary'];
export type JoinCitizenResult = Schemas['JoinCitizenResult'];
export type FullCase = Schemas['FullCase'];
export type ReferrerRef = Schemas['ReferrerRef'];
/** "Oplyst af <klinik> <dato>": only the fields that differed from the citizen's. */
export type ReportedDetails = Schemas['ReportedDetails'];
export type Conversation = Schemas['Conversation'];
export type MedcomThreadMessage = Schemas['MedcomThreadMessage'];
export type MedcomInboxItem = Schemas['MedcomInboxItem'];
export type PlanStep = Schemas['PlanStep'];
/** An offer as a plan step shows it, or as the directory search found it. */
export type ChosenOffer = Schemas['PlanStepOffer'] | Offer;
export type Measure = Schemas['Measure'];
export type SubmittedReferral = Schemas['SubmittedReferral'];
export type RecordedConversation = Schemas['RecordedConversation'];

// The case's legal next steps are the kernel's words (ADR 0020), not a copy.
export type { CaseAction };

export type FollowUp = Schemas['FollowUp'];
export type QueueSummary = Schemas['QueueSummary'];
/** `GET /v1/notifications/undelivered`: a message the mail server refused or could not take. */
export type UndeliveredMessage = Schemas['UndeliveredMessage'];
/** `GET /v1/notifications`: one of the caller's own messages (the bell). */
export type InboxMessage = Schemas['InboxMessage'];
/** `GET /v1/users`: a user of the municipality as Administration lists them. */
export type AdminUser = Schemas['AdminUser'];

export type Brobygger = Schemas['Brobygger'];
export type Area = Schemas['Area'];
export type Offer = Schemas['Offer'];
export type Organisation = Schemas['Organisation'];
/** A code of a fixed list (reasons, wheel domains) with its Danish and English labels. */
export type CodeLabel = Schemas['CodeLabel'];

/** `GET /v1/statistics` */
export type Statistics = Schemas['Statistics'];

/** A count in a report: the number, or hidden — `small` (1–4 citizens, "< 5") or `complementary` ("(skjult)"). */
export type ReportCount = Schemas['ReportCount'];
export type ReportBreakdown = Schemas['ReportBreakdown'];
export type ReportDuration = Schemas['ReportDuration'];
export type ReportChange = Schemas['ReportChange'];
/** `GET /v1/reports/council` */
export type CouncilReport = Schemas['CouncilReport'];

/** A meeting place (`/v1/places`). */
export type Place = Schemas['Place'];

/** A booked conversation (`/v1/appointments`, ADR 0027). */
export type Appointment = Schemas['Appointment'];

/** "Min samtale og min plan" (`GET /v1/referrals/:id/citizen-copy`). */
export type CitizenCopy = Schemas['CitizenCopy'];

export type Host = Schemas['Host'];

export type Companion = Schemas['Companion'];

/** A hand-off of a plan step as the case's staff see it. */
export type Handover = Schemas['Handover'];

/** The public hand-off page: only what the disclosure policy lets a host or følgeven see. */
export type HandoverPageData = Schemas['HandoverPageData'];

export type OfferCheckData = Schemas['OfferCheckData'];

export type AssociationFigures = Schemas['AssociationFigures'];
