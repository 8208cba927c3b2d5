import { type Milestone, fhirTaskStatus, FhirTaskStatus, ReferralStatus } from '@bro/case-kernel';
import type { ReferrerView } from '@bro/consent';
import { REASONS } from '@bro/referral';
import type { Organization, Reference, ServiceRequest, Task } from '@medplum/fhirtypes';
import { BRO_SYSTEM } from './systems';

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
}

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
export function referrerTaskFacts(view: ReferrerView, owner: TaskFacts['owner']): TaskFacts {
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
    businessStatus: { system: BRO_SYSTEM.milestone, code: view.status },
    owner,
    ...(view.summary ? { summary: view.summary } : {}),
  };
}

/** A coordinator's facts, from the full case. */
export function caseTaskFacts(
  c: { id: string; status: ReferralStatus; outcome?: string | null; createdAt: Date | string; updatedAt: Date | string; reasons: string[] },
  summary: string | undefined,
  owner: TaskFacts['owner'],
): TaskFacts {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    id: c.id,
    authoredOn: iso(c.createdAt),
    lastModified: iso(c.updatedAt),
    status: fhirTaskStatus(c.status, c.outcome ?? null),
    businessStatus: { system: BRO_SYSTEM.caseStatus, code: c.status },
    owner,
    ...(summary ? { summary } : {}),
    reasons: c.reasons,
  };
}

function ownerRef(owner: TaskFacts['owner']): Reference<Organization> {
  return { reference: `Organization/kommune-${owner.code}`, type: 'Organization', display: owner.name };
}

/** The closed-loop referral Task (HL7 Gravity SDOH Clinical Care): its id and its ServiceRequest's are the case id. */
export function toTask(f: TaskFacts): Task {
  const reason = STATUS_REASON[f.status];
  return {
    resourceType: 'Task',
    id: f.id,
    meta: { lastUpdated: f.lastModified },
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
    focus: { reference: `ServiceRequest/${f.id}` },
    authoredOn: f.authoredOn,
    lastModified: f.lastModified,
    owner: ownerRef(f.owner),
    ...(f.summary
      ? {
          output: [
            {
              type: { text: 'Tilbagemelding (godkendt af borgeren)' },
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
export function toServiceRequest(f: TaskFacts): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: f.id,
    meta: { lastUpdated: f.lastModified },
    status: SERVICE_REQUEST_STATUS[f.status],
    intent: 'order',
    code: { text: 'Social henvisning til brobygger' },
    subject: { type: 'Patient', display: 'Den henviste borger' },
    authoredOn: f.authoredOn,
    performer: [ownerRef(f.owner)],
    ...(f.reasons?.length
      ? {
          reasonCode: f.reasons.map((code) => ({
            coding: [{ system: BRO_SYSTEM.reason, code, display: REASONS.find((r) => r.code === code)?.da }],
          })),
        }
      : {}),
  };
}
