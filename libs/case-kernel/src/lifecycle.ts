/**
 * The case lifecycle, defined once as data (the case kernel, ADR 0020) (architecture.md, "Lifecycle of a referral").
 * `next` lists the legal transitions; `fhir` is the HL7 Task.status a referrer sees.
 */
export const REFERRAL_STATUSES = [
  'submitted',
  'unassigned',
  'assigned',
  'contacted',
  'active',
  'on_hold',
  'completed',
  'rejected',
  'cancelled',
  // Not cases of their own (ADR 0014): another clinic's referral of a citizen with an
  // open case, held until staff decide, and the same once confirmed as part of that case.
  'possible_duplicate',
  'linked',
  // A public referral (a relative, an association, the citizen themself; ADR 0030): nobody
  // but the citizen can consent, so it waits for the brobygger's first contact.
  'awaiting_consent',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export type FhirTaskStatus = 'requested' | 'accepted' | 'in-progress' | 'on-hold' | 'completed' | 'failed' | 'cancelled' | 'rejected';

interface StatusDefinition {
  fhir: FhirTaskStatus;
  closed: boolean;
  /** False for a referral that is not a case of its own: never matched, assigned or worked. */
  ownCase: boolean;
  next: readonly ReferralStatus[];
}

export const LIFECYCLE: { readonly [S in ReferralStatus]: StatusDefinition } = {
  submitted: { fhir: 'requested', closed: false, ownCase: true, next: ['assigned', 'unassigned', 'rejected', 'cancelled'] },
  unassigned: { fhir: 'requested', closed: false, ownCase: true, next: ['assigned', 'unassigned', 'rejected', 'cancelled'] },
  assigned: {
    fhir: 'accepted',
    closed: false,
    ownCase: true,
    next: ['assigned', 'unassigned', 'contacted', 'on_hold', 'completed', 'rejected', 'cancelled'],
  },
  contacted: {
    fhir: 'in-progress',
    closed: false,
    ownCase: true,
    next: ['assigned', 'unassigned', 'active', 'on_hold', 'completed', 'cancelled'],
  },
  active: { fhir: 'in-progress', closed: false, ownCase: true, next: ['assigned', 'unassigned', 'on_hold', 'completed', 'cancelled'] },
  on_hold: {
    fhir: 'on-hold',
    closed: false,
    ownCase: true,
    next: ['assigned', 'unassigned', 'contacted', 'active', 'completed', 'cancelled'],
  },
  // A coordinator may reopen a completed case within REOPEN_WINDOW_DAYS of closing (the
  // citizen calls back): it is routed again like a new referral, preferring its brobygger.
  completed: { fhir: 'completed', closed: true, ownCase: true, next: ['submitted'] },
  rejected: { fhir: 'rejected', closed: true, ownCase: true, next: [] },
  cancelled: { fhir: 'cancelled', closed: true, ownCase: true, next: [] },
  // Confirmed → linked to the open case, or routed as a new case (`submitted`) when none
  // is open any more; rejected → closed; withdrawn consent → cancelled.
  // A public referral confirmed when no case is open any more waits for consent (ADR 0030).
  possible_duplicate: {
    fhir: 'requested',
    closed: false,
    ownCase: false,
    next: ['linked', 'submitted', 'rejected', 'cancelled', 'awaiting_consent'],
  },
  // Lives as long as the case it joined (its referrer's view follows that case); ends on withdrawal.
  linked: { fhir: 'accepted', closed: false, ownCase: false, next: ['cancelled'] },
  // Consent recorded at first contact → routed like any new case; declined → cancelled (and
  // erased); spam → rejected (and erased). A case of its own: one open case per citizen.
  // Joined by a coordinator to a known citizen with an open case → held as a possible duplicate (ADR 0033).
  awaiting_consent: {
    fhir: 'requested',
    closed: false,
    ownCase: true,
    next: ['submitted', 'cancelled', 'rejected', 'possible_duplicate'],
  },
};

export const CLOSED_STATUSES = REFERRAL_STATUSES.filter((s) => LIFECYCLE[s].closed);
export const OPEN_STATUSES = REFERRAL_STATUSES.filter((s) => !LIFECYCLE[s].closed);
/** The statuses of an open case of its own: at most one per citizen (a unique index says so too). */
export const OPEN_CASE_STATUSES = OPEN_STATUSES.filter((s) => LIFECYCLE[s].ownCase);
/** Referrals that are not a case of their own (ADR 0014). */
export const HELD_STATUSES = REFERRAL_STATUSES.filter((s) => !LIFECYCLE[s].ownCase);

/** The statuses of a case waiting for a brobygger: matching routes them, coordinators of the area see them. */
export const AWAITING_ASSIGNMENT_STATUSES: ReadonlySet<ReferralStatus> = new Set<ReferralStatus>(['submitted', 'unassigned']);

/**
 * A completed case may be reopened for this many days after closing (issue 15): long
 * enough for "the citizen called back", short enough that the closing stays the record.
 * Cancelled (declined, consent withdrawn) and rejected cases are not reopened: a new
 * referral is the way back, with fresh consent.
 */
export const REOPEN_WINDOW_DAYS = 30;
export const REOPENABLE_STATUSES: readonly ReferralStatus[] = ['completed'];

/**
 * The statuses a referral may be born with (the first row of its history, from no
 * status): a case of its own, or another clinic's referral held as a possible duplicate.
 */
export const INITIAL_STATUSES: readonly ReferralStatus[] = ['submitted', 'possible_duplicate', 'awaiting_consent'];

/**
 * Statuses in which nothing beyond the citizen's name, phone, address and the reasons may
 * be shown: nobody has heard the citizen consent yet (ADR 0030).
 */
export const UNCONSENTED_STATUSES: ReadonlySet<ReferralStatus> = new Set<ReferralStatus>(['awaiting_consent']);

/** Whether the transition table allows `from` → `to`; `from` null is a referral's first status. */
export function canTransition(from: ReferralStatus | null, to: ReferralStatus): boolean {
  return from === null ? INITIAL_STATUSES.includes(to) : LIFECYCLE[from].next.includes(to);
}

/** FHIR Task.status, refined by the closing outcome (unreachable → failed, declined → cancelled). */
export function fhirTaskStatus(status: ReferralStatus, outcome: string | null): FhirTaskStatus {
  if (status === 'completed' && outcome === 'unreachable') return 'failed';
  if (status === 'completed' && outcome === 'declined') return 'cancelled';
  return LIFECYCLE[status].fhir;
}

/** Statuses in which the brobygger works the case: contact attempts are logged, plans change. */
export const CASEWORK_STATUSES: readonly ReferralStatus[] = ['assigned', 'contacted', 'active', 'on_hold'];

/** What a client may offer next on a case (`nextActions` on the case view). */
export const CASE_ACTIONS = [
  'assign',
  'contact_attempt',
  'first_conversation',
  'follow_up_conversation',
  'plan',
  'hold',
  'resume',
  'close',
  'reopen',
  'decide_duplicate',
  'first_contact',
  'reject_spam',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * The next steps the lifecycle allows from a status, so a client shows only legal
 * buttons (the server still checks each command; 409 otherwise).
 */
export function nextActions(status: ReferralStatus): CaseAction[] {
  if (status === 'possible_duplicate') return ['decide_duplicate'];
  if (status === 'awaiting_consent') return ['first_contact', 'reject_spam'];
  if (!LIFECYCLE[status].ownCase) return [];
  const actions: CaseAction[] = [];
  if (canTransition(status, 'assigned')) actions.push('assign');
  if (CASEWORK_STATUSES.includes(status)) actions.push('contact_attempt');
  if (status === 'contacted') actions.push('first_conversation');
  if (status === 'active' || status === 'on_hold') actions.push('follow_up_conversation');
  if (!LIFECYCLE[status].closed) actions.push('plan');
  if (status !== 'on_hold' && canTransition(status, 'on_hold')) actions.push('hold');
  if (status === 'on_hold') actions.push('resume');
  if (canTransition(status, 'completed')) actions.push('close');
  // Offered on every reopenable case; the command checks the window and the role.
  if (REOPENABLE_STATUSES.includes(status)) actions.push('reopen');
  return actions;
}
