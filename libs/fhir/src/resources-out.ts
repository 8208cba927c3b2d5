import { type Milestone, fhirTaskStatus, FhirTaskStatus, ReferralStatus } from '@bro/case-kernel';
import type { ReferrerView } from '@bro/consent';
import { REASONS } from '@bro/referral';
import type {
  CodeableConcept,
  Identifier,
  Organization,
  Patient,
  PractitionerRole,
  Reference,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { BroSystems, SDOHCC_TEMPORARY_CODES, SNOMED } from './systems';

/**
 * What a Task or ServiceRequest is built from. For a referrer it comes only from the
 * referrer view the disclosure policy cut (the milestones, at the citizen's feedback
 * level); for a coordinator from the full case. Nothing else goes in.
 */
export interface TaskFacts {
  id: string;
  authoredOn: string;
  lastModified: string;
  status: FhirTaskStatus;
  businessStatus: { system: string; code: string };
  owner: { code: string; name: string };
  /** Set only where the policy disclosed an approved summary. */
  summary?: string;
  /** Coordinators only: the referral reasons. */
  reasons?: string[];
  /** What the sender said about its own referral (its identifier, requester, subject reference), for those who may see it. */
  sender?: SenderEcho;
}

export interface SenderEcho {
  identifiers: { system?: string; value: string }[];
  requester?: { reference?: string; display?: string };
  subject?: string;
}

/** Bro's reasons as HL7 Gravity SDOH categories (SDOHCC temporary codes); the rest is "unspecified". */
const SDOH_CATEGORY: Record<string, { code: string; display: string }> = {
  loneliness: { code: 'social-connection', display: 'Social Connection' },
  stress_or_anxiety: { code: 'stress', display: 'Stress' },
  unemployment: { code: 'employment-status', display: 'Employment Status' },
};
const SDOH_UNSPECIFIED = { code: 'sdoh-category-unspecified', display: 'SDOH Category Unspecified' };

/** Fixed texts: the free-text reason of a pause or rejection can hold health information and never goes out. */
const STATUS_REASON: Partial<Record<FhirTaskStatus, string>> = {
  rejected: 'Henvisningen er afvist: uden for målgruppen eller området',
  cancelled: 'Forløbet er annulleret: borgeren takkede nej eller trak samtykket tilbage',
  'on-hold': 'Forløbet er sat på pause',
  failed: 'Forløbet er afsluttet: borgeren kunne ikke kontaktes',
};

const MILESTONE_TASK_STATUS: Record<Exclude<Milestone, 'closed'>, FhirTaskStatus> = {
  received: 'requested',
  assigned: 'accepted',
  contacted: 'in-progress',
  conversation_held: 'in-progress',
};

/** A referrer's facts, from the policy's referrer view only. */
export function referrerTaskFacts(view: ReferrerView, owner: TaskFacts['owner'], systems: BroSystems, sender?: SenderEcho): TaskFacts {
  const last = view.milestones[view.milestones.length - 1];
  let status: FhirTaskStatus;
  if (view.status !== 'closed') status = MILESTONE_TASK_STATUS[view.status];
  else if (last.outcome === 'rejected' || last.outcome === 'cancelled') status = fhirTaskStatus(last.outcome, null);
  else status = fhirTaskStatus('completed', last.outcome ?? null);
  return {
    id: view.id,
    authoredOn: view.milestones[0].at,
    lastModified: last.at,
    status,
    businessStatus: { system: systems.milestone, code: view.status },
    owner,
    ...(view.summary ? { summary: view.summary } : {}),
    ...(sender ? { sender } : {}),
  };
}

/** A coordinator's facts, from the full case. */
export function caseTaskFacts(
  c: { id: string; status: ReferralStatus; outcome?: string | null; createdAt: Date | string; updatedAt: Date | string; reasons: string[] },
  summary: string | undefined,
  owner: TaskFacts['owner'],
  systems: BroSystems,
  sender?: SenderEcho,
): TaskFacts {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    id: c.id,
    authoredOn: iso(c.createdAt),
    lastModified: iso(c.updatedAt),
    status: fhirTaskStatus(c.status, c.outcome ?? null),
    businessStatus: { system: systems.caseStatus, code: c.status },
    owner,
    ...(summary ? { summary } : {}),
    reasons: c.reasons,
    ...(sender ? { sender } : {}),
  };
}

/**
 * The version a caller sees: the time of the last change disclosed to them, in ms. It
 * changes whenever what they may see changes, and never for what they may not.
 */
function versionId(f: TaskFacts): string {
  return String(new Date(f.lastModified).getTime());
}

function ownerRef(owner: TaskFacts['owner']): Reference<Organization> {
  return { reference: `Organization/kommune-${owner.code}`, type: 'Organization', display: owner.name };
}

/**
 * The citizen as the sender referred to them: the sender's own Patient reference where
 * it gave one, otherwise a display only. Never a name or CPR number.
 */
function subjectRef(f: TaskFacts): Reference<Patient> {
  return f.sender?.subject ? { reference: f.sender.subject, type: 'Patient' } : { type: 'Patient', display: 'Den henviste borger' };
}

/** Who referred, as the sender wrote it; otherwise the referring clinic as a display. */
function requesterRef(f: TaskFacts): Reference<PractitionerRole> {
  const r = f.sender?.requester;
  if (r?.reference) return { reference: r.reference, ...(r.display ? { display: r.display } : {}) };
  return { display: r?.display ?? 'Den henvisende praksis' };
}

/** The closed-loop referral Task (HL7 Gravity SDOH Clinical Care): its id and its ServiceRequest's are the case id. */
export function toTask(f: TaskFacts, systems: BroSystems): Task {
  const reason = STATUS_REASON[f.status];
  return {
    resourceType: 'Task',
    id: f.id,
    meta: { versionId: versionId(f), lastUpdated: f.lastModified },
    ...(f.summary
      ? {
          contained: [
            {
              resourceType: 'Communication',
              id: 'summary',
              status: 'completed',
              basedOn: [{ reference: `ServiceRequest/${f.id}` }],
              payload: [{ contentString: f.summary }],
            },
          ],
        }
      : {}),
    status: f.status,
    ...(reason ? { statusReason: { text: reason } } : {}),
    businessStatus: { coding: [{ system: f.businessStatus.system, code: f.businessStatus.code }] },
    intent: 'order',
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
    focus: { reference: `ServiceRequest/${f.id}`, type: 'ServiceRequest' },
    for: subjectRef(f),
    authoredOn: f.authoredOn,
    lastModified: f.lastModified,
    requester: requesterRef(f),
    owner: ownerRef(f.owner),
    ...(f.summary
      ? {
          output: [
            {
              type: {
                coding: [{ system: systems.taskOutput, code: 'approved-summary', display: 'Tilbagemelding godkendt af borgeren' }],
                text: 'Tilbagemelding (godkendt af borgeren)',
              },
              valueReference: { reference: '#summary', type: 'Communication' },
            },
          ],
        }
      : {}),
  };
}

const SERVICE_REQUEST_STATUS: Record<FhirTaskStatus, ServiceRequest['status']> = {
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'active',
  completed: 'completed',
  failed: 'completed',
  cancelled: 'revoked',
  rejected: 'revoked',
};

/**
 * The ServiceRequest as Bro holds it. The subject is not named: the referrer's view
 * holds nothing about the citizen, and the sender knows whom they referred.
 */
export function toServiceRequest(f: TaskFacts, systems: BroSystems): ServiceRequest {
  // Categories from the reasons for coordinators only: a referrer's view holds no reasons.
  const sdoh = f.reasons?.length ? [...new Set(f.reasons.map((r) => SDOH_CATEGORY[r] ?? SDOH_UNSPECIFIED))] : [SDOH_UNSPECIFIED];
  const category: CodeableConcept[] = [
    { coding: [{ system: SNOMED, code: '410606002', display: 'Social service procedure' }] },
    ...sdoh.map((c) => ({ coding: [{ system: SDOHCC_TEMPORARY_CODES, ...c }] })),
  ];
  const identifier: Identifier[] = (f.sender?.identifiers ?? []).map((i) => ({
    ...(i.system ? { system: i.system } : {}),
    value: i.value,
  }));
  return {
    resourceType: 'ServiceRequest',
    id: f.id,
    meta: { versionId: versionId(f), lastUpdated: f.lastModified },
    ...(identifier.length ? { identifier } : {}),
    status: SERVICE_REQUEST_STATUS[f.status],
    intent: 'order',
    category,
    code: {
      coding: [{ system: systems.service, code: 'social-prescribing', display: 'Social henvisning til brobygger' }],
      text: 'Social henvisning til brobygger',
    },
    subject: subjectRef(f),
    authoredOn: f.authoredOn,
    requester: requesterRef(f),
    performer: [ownerRef(f.owner)],
    ...(f.reasons?.length
      ? {
          reasonCode: f.reasons.map((code) => ({
            coding: [{ system: systems.reason, code, display: REASONS.find((r) => r.code === code)?.da }],
          })),
        }
      : {}),
  };
}
