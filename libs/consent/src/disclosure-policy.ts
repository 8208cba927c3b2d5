import {
  AWAITING_ASSIGNMENT_STATUSES,
  MILESTONE_OF_STATUS,
  type Milestone,
  type ReferralStatus,
  type Role,
  type FeedbackLevel,
  UNCONSENTED_STATUSES,
} from '@bro/case-kernel';
/**
 * The disclosure policy: the one place that decides what a viewer may see of a case.
 * REST views, notifications, FHIR and the web UI all ask it; nothing filters by hand.
 *
 * - coordinator of the case's municipality: the full case;
 * - brobygger: the full case when it is (or, once closed, was last) assigned to them;
 *   an unassigned case of one of their areas without the notes;
 * - referrer: the referrer view of cases they or their clinic referred, cut to the
 *   feedback consent the citizen gave *to that referrer* (on their own referral or
 *   link; ADR 0014);
 * - anyone else, and everyone from another municipality: nothing (404);
 * - a restricted case (kept under the record-keeping rule after its consent was
 *   withdrawn): coordinators only, and only with a stated reason;
 * - a citizen under name-and-address protection (navne- og adressebeskyttelse): the
 *   address, phone and e-mail only to coordinators and the brobygger who holds the case;
 * - a public referral awaiting the citizen's consent (ADR 0030): coordinators and the
 *   brobyggere of its area, and to them only the name, phone, address and reasons —
 *   what the first call needs (`unconsented`).
 *
 * The decision is a branded type that only `decideDisclosure` makes (ADR 0015): every
 * reader of case data takes a `DisclosedCase`, so none can be called with a hand-made
 * "notes: true", and each decides from it what its free text may include.
 */
export interface Viewer {
  userId: string;
  role: Role;
  municipalityId: string;
  organisation: string | null;
}

export interface CaseRelations {
  municipalityId: string;
  status: string;
  areaId: string | null;
  /** The user id of the brobygger who holds the case (kept after closing). */
  assigneeUserId: string | null;
  /**
   * Who referred: the first referral and every linked one, oldest first, each with the
   * feedback level its own consent gave.
   */
  referrers: { userId: string; organisation: string | null; feedbackLevel: FeedbackLevel }[];
  /** Kept under the record-keeping rule after consent was withdrawn. */
  restricted: boolean;
  /** The citizen is under name-and-address protection (navne- og adressebeskyttelse). */
  addressProtected: boolean;
}

/** Only this module can name the brand, so only the policy can make a decision. */
declare const decidedByPolicy: unique symbol;
interface Decided {
  readonly [decidedByPolicy]: true;
}

/**
 * The full case. `notes`: the free text anyone wrote about the citizen (notes, "Min
 * samtale", plan wording, places, other contacts, summaries). `contact`: the
 * citizen's address, phone and e-mail.
 */
export type FullDisclosure = Decided & {
  readonly kind: 'full';
  readonly notes: boolean;
  readonly contact: boolean;
  readonly reasonRequired?: true;
  /** Nobody has heard the citizen consent yet: only name, phone, address and reasons (ADR 0030). */
  readonly unconsented?: true;
};
export type ReferrerDisclosure = Decided & { readonly kind: 'referrer'; readonly level: FeedbackLevel };
export type NoDisclosure = Decided & { readonly kind: 'none' };
export type Disclosure = NoDisclosure | FullDisclosure | ReferrerDisclosure;

/**
 * What every reader of one case's data is handed: which case, and what the policy
 * disclosed of it to the viewer. Section providers, the case view, the follow-up
 * queue and the export take this, never a boolean.
 */
export interface DisclosedCase {
  readonly municipalityId: string;
  readonly referralId: string;
  readonly disclosure: FullDisclosure;
}

function decided<D extends { kind: string }>(d: D): D & Decided {
  return d as D & Decided;
}

/** Why a coordinator reads a restricted case; the reason is written to the audit log. */
export const ACCESS_REASONS = ['access_request', 'complaint', 'legal_obligation', 'supervision'] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export function decideDisclosure(viewer: Viewer, relations: CaseRelations, viewerAreaIds: readonly string[] = []): Disclosure {
  const none = decided({ kind: 'none' as const });
  const full = (notes: boolean, contact: boolean) => decided({ kind: 'full' as const, notes, contact });
  if (viewer.municipalityId !== relations.municipalityId) return none;
  if (relations.restricted) {
    return viewer.role === 'coordinator'
      ? decided({ kind: 'full' as const, notes: true, contact: true, reasonRequired: true as const })
      : none;
  }
  if (UNCONSENTED_STATUSES.has(relations.status as ReferralStatus)) {
    const firstCall = (contact: boolean) => decided({ kind: 'full' as const, notes: false, contact, unconsented: true as const });
    if (viewer.role === 'coordinator') return firstCall(true);
    const ofArea = relations.areaId !== null && viewerAreaIds.includes(relations.areaId);
    if (viewer.role === 'brobygger' && (ofArea || relations.assigneeUserId === viewer.userId))
      return firstCall(!relations.addressProtected);
    // The referrer channel: "received", at most (no consent, so no level above none).
    if (viewer.role !== 'referrer') return none;
  }
  switch (viewer.role) {
    case 'coordinator':
      return full(true, true);
    case 'brobygger':
      if (relations.assigneeUserId === viewer.userId) return full(true, true);
      // Brobyggere of the area may judge a waiting case: its structure, not its words,
      // and not where a protected citizen lives.
      if (
        (AWAITING_ASSIGNMENT_STATUSES as ReadonlySet<string>).has(relations.status) &&
        relations.areaId &&
        viewerAreaIds.includes(relations.areaId)
      ) {
        return full(false, !relations.addressProtected);
      }
      return none;
    case 'referrer': {
      // Their own referral's consent, else their clinic's; the newest wins, as in the consent history.
      const own = relations.referrers.filter((r) => r.userId === viewer.userId);
      const clinic = relations.referrers.filter((r) => viewer.organisation !== null && r.organisation === viewer.organisation);
      const entry = (own.length ? own : clinic).at(-1);
      return entry ? decided({ kind: 'referrer' as const, level: entry.feedbackLevel }) : none;
    }
    // The VANS gateway's system account (ADR 0028) carries messages; it sees no case.
    case 'gateway':
      return none;
    default: {
      const unreachable: never = viewer.role;
      return unreachable;
    }
  }
}

export interface ReferrerFacts {
  id: string;
  createdAt: Date;
  /** Status changes, oldest first. */
  history: { status: ReferralStatus; at: Date }[];
  /** For a closed case: the closing category (outcome, or cancelled/rejected). */
  closingCategory: string | null;
  summary: string | null;
  summaryApprovedByCitizen: boolean;
}

export interface ReferrerView {
  id: string;
  status: Milestone;
  milestones: { status: Milestone; at: string; outcome?: string }[];
  summary?: string;
}

/**
 * The referrer view at a feedback level:
 * - none: only that the referral was received;
 * - status: the milestones (assigned, contacted, conversation held, closed with its
 *   category) — never notes, wheel, plan or the reasons for a pause;
 * - summary: also the summary, and only once the citizen has approved it.
 */
export function referrerView(facts: ReferrerFacts, level: FeedbackLevel): ReferrerView {
  const milestones: ReferrerView['milestones'] = [{ status: 'received', at: facts.createdAt.toISOString() }];
  if (level !== 'none') {
    const seen = new Set<Milestone>(['received']);
    for (const change of facts.history) {
      const milestone = MILESTONE_OF_STATUS[change.status];
      if (!milestone || seen.has(milestone)) continue;
      seen.add(milestone);
      milestones.push({
        status: milestone,
        at: change.at.toISOString(),
        ...(milestone === 'closed' && facts.closingCategory ? { outcome: facts.closingCategory } : {}),
      });
    }
  }
  const view: ReferrerView = { id: facts.id, status: milestones[milestones.length - 1].status, milestones };
  if (level === 'summary' && facts.summaryApprovedByCitizen && facts.summary) view.summary = facts.summary;
  return view;
}

/**
 * How a message may reach the citizen themself (an appointment reminder): by SMS only
 * with their `sms` consent in force, a phone number, and a contact preference that does
 * not rule SMS out (none stated, or SMS preferred); otherwise by letter, which the
 * brobygger prints and sends. The phone number leaves Bro only through this decision.
 */
export type CitizenChannel = { channel: 'sms'; phone: string } | { channel: 'letter'; why: 'no_sms_consent' | 'no_phone' | 'preference' };

export function decideCitizenChannel(
  consent: { sms: boolean },
  citizen: { phone: string | null; contactPreferences: { preferred?: string; doNotContactBy?: string[] } | null },
): CitizenChannel {
  if (!consent.sms) return { channel: 'letter', why: 'no_sms_consent' };
  const prefs = citizen.contactPreferences ?? {};
  if (prefs.doNotContactBy?.includes('sms') || (prefs.preferred !== undefined && prefs.preferred !== 'sms'))
    return { channel: 'letter', why: 'preference' };
  if (!citizen.phone) return { channel: 'letter', why: 'no_phone' };
  return { channel: 'sms', phone: citizen.phone };
}

/**
 * What a calendar feed may say about the citizen: their initials, nothing else —
 * calendars are synchronised to phones and mail servers outside the municipality.
 * "Anna Marie Jensen" → "A.M.J."; an erased or unnamed citizen → "–".
 */
export function calendarInitials(name: string | null): string {
  const letters = (name ?? '')
    .split(/[\s-]+/)
    .map((part) => part.match(/\p{L}/u)?.[0])
    .filter((l): l is string => !!l)
    .map((l) => `${l.toUpperCase()}.`);
  return letters.length ? letters.join('') : '–';
}

/** Who receives a hand-off of a plan step (ADR 0026). */
export type HandoverRecipient = 'host' | 'companion';

/** A host or følgeven may receive the citizen: what the policy lets the hand-off page show, for whom. */
export type HandoverDisclosure = Decided & { readonly kind: 'handover'; readonly recipient: HandoverRecipient };

/** Why a hand-off is not allowed: the consent is missing, or the case no longer admits one. */
export type HandoverRefusal = NoDisclosure & { readonly why: 'share_with_host' | 'case_closed' | 'restricted' };

/**
 * Whether a hand-off may go to a host or følgeven, asked when it is sent and again at
 * every open and answer of its link (so withdrawal or closing ends it at once). Both
 * kinds of recipient hang on `share_with_host` (ADR 0026: the citizen is asked once,
 * "may we tell the people who receive you at the offer, or go along, your first name").
 */
export function decideHandover(
  relations: { shareWithHost: boolean; closed: boolean; restricted: boolean },
  recipient: HandoverRecipient,
): HandoverDisclosure | HandoverRefusal {
  if (relations.restricted) return decided({ kind: 'none' as const, why: 'restricted' as const });
  if (relations.closed) return decided({ kind: 'none' as const, why: 'case_closed' as const });
  if (!relations.shareWithHost) return decided({ kind: 'none' as const, why: 'share_with_host' as const });
  return decided({ kind: 'handover' as const, recipient });
}

export interface HandoverFacts {
  /** The citizen's full name as stored; only the first name leaves. */
  citizenName: string | null;
  offer: { name: string; organisation: string | null } | null;
  firstVisitAt: Date;
  /** Where the first visit is: the offer's place (never the citizen's). */
  place: string | null;
  companionName: string | null;
  message: string | null;
  answer: string | null;
  answeredAt: Date | null;
  expiresAt: Date;
}

export interface HandoverView {
  recipient: HandoverRecipient;
  firstName: string | null;
  offer: { name: string; organisation: string | null } | null;
  firstVisit: { at: string; place: string | null };
  companion: { firstName: string } | null;
  message: string | null;
  answer: string | null;
  answeredAt: string | null;
  expiresAt: string;
}

/**
 * The hand-off page: an allow-list, so nothing else about the citizen can reach a host
 * or følgeven — never the surname, CPR, address, phone, reasons, notes or scores.
 */
export function handoverView(facts: HandoverFacts, disclosure: HandoverDisclosure): HandoverView {
  return {
    recipient: disclosure.recipient,
    firstName: firstName(facts.citizenName),
    offer: facts.offer ? { name: facts.offer.name, organisation: facts.offer.organisation } : null,
    firstVisit: { at: facts.firstVisitAt.toISOString(), place: facts.place },
    companion: facts.companionName ? { firstName: firstName(facts.companionName) ?? '' } : null,
    message: facts.message,
    answer: facts.answer,
    answeredAt: facts.answeredAt?.toISOString() ?? null,
    expiresAt: facts.expiresAt.toISOString(),
  };
}

/** The first word of a name: "Karen Marie Jensen" is "Karen". */
export function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}
