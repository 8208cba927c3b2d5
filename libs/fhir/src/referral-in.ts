import type { FeedbackLevel } from '@bro/case-kernel';
import { CONTACT_CHANNELS, ContactChannel, CreateReferralDto, REASONS } from '@bro/referral';
import type { Address, Bundle, Consent, ConsentProvision, HumanName, Patient, Period, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { FhirError } from './fhir-error';
import { CPR_SYSTEM } from './fhir-validator';
import type { BroSystems } from './systems';

/** What a transaction Bundle asks of intake, plus the sender's identifier of the ServiceRequest (for duplicates). */
export interface InboundReferral {
  dto: CreateReferralDto;
  identifier: string | null;
  /** Bundle.entry index of each resource, for the transaction-response. */
  entries: { patient: number; serviceRequest: number; consent: number; count: number };
  /** What the sender said about its own referral, echoed back on the ServiceRequest and Task. */
  sender: SenderRecord | null;
}

/** The sender's identifier, requester and subject reference, as it wrote them (no citizen data). */
export interface SenderRecord {
  identifier: { system?: string; value: string };
  requester?: { reference?: string; display?: string };
  subject?: string;
}

/** The ServiceRequest.status and intent Bro acts on (Gravity: an active order). */
const ACCEPTED_INTENTS = new Set(['order', 'original-order']);

/**
 * Reads the referral out of a (structurally valid) transaction Bundle: Patient →
 * citizen, ServiceRequest → reasons, note and contact restrictions, Consent → the
 * consents with the feedback level from its nested provisions. Anything intake needs
 * and cannot find is a 422 naming the element; the DTO then goes through the same
 * validation and intake as `POST /v1/referrals`.
 */
export function readReferralBundle(bundle: Bundle, systems: BroSystems, now: Date): InboundReferral {
  if (bundle.type !== 'transaction') throw FhirError.of(400, 'value', 'Send a Bundle of type transaction', 'Bundle.type');
  const entries = bundle.entry ?? [];
  const one = <T extends Resource>(type: T['resourceType']): { resource: T; index: number } => {
    const found = entries.map((e, index) => ({ resource: e.resource, index })).filter((e) => e.resource?.resourceType === type);
    if (found.length !== 1) {
      throw FhirError.of(
        422,
        found.length === 0 ? 'required' : 'invalid',
        `The Bundle must hold exactly one ${type}`,
        `Bundle.entry.resource.ofType(${type})`,
      );
    }
    return found[0] as { resource: T; index: number };
  };
  const patient = one<Patient>('Patient');
  const request = one<ServiceRequest>('ServiceRequest');
  const consentEntry = entries.findIndex((e) => e.resource?.resourceType === 'Consent');
  const at = (index: number, element: string) => `Bundle.entry[${index}].resource.${element}`;

  if (consentEntry < 0) {
    throw FhirError.of(
      422,
      'required',
      'The citizen must consent to being referred: the Bundle holds no Consent',
      'Bundle.entry.resource.ofType(Consent)',
    );
  }
  if (request.resource.status !== 'active') {
    throw FhirError.of(422, 'business-rule', 'ServiceRequest.status must be active to be acted on', at(request.index, 'status'));
  }
  if (!ACCEPTED_INTENTS.has(request.resource.intent)) {
    throw FhirError.of(422, 'business-rule', 'ServiceRequest.intent must be order or original-order', at(request.index, 'intent'));
  }
  const consent = one<Consent>('Consent');
  const consentRefs = new Set([`Consent/${consent.resource.id}`, entries[consent.index].fullUrl].filter(Boolean));
  if (!(request.resource.supportingInfo ?? []).some((r) => r.reference && consentRefs.has(r.reference))) {
    throw FhirError.of(422, 'required', 'ServiceRequest.supportingInfo must refer to the Consent', at(request.index, 'supportingInfo'));
  }
  if (consent.resource.status !== 'active' || consent.resource.provision?.type !== 'permit') {
    throw FhirError.of(
      422,
      'business-rule',
      'The citizen must consent to being referred: the Consent must be active with provision.type permit',
      at(consent.index, consent.resource.status !== 'active' ? 'status' : 'provision.type'),
    );
  }

  const p = patient.resource;
  const cpr = (p.identifier ?? []).find((i) => i.system === CPR_SYSTEM)?.value;
  if (!cpr)
    throw FhirError.of(422, 'required', `Patient.identifier must hold a CPR number (${CPR_SYSTEM})`, at(patient.index, 'identifier'));
  const name = currentName(p.name ?? [], now);
  const fullName = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const address = currentAddress(p.address ?? [], now);
  const phone = (p.telecom ?? []).find((t) => t.system === 'phone')?.value;
  const email = (p.telecom ?? []).find((t) => t.system === 'email')?.value;
  const language =
    p.communication?.find((c) => c.preferred)?.language.coding?.[0]?.code ?? p.communication?.[0]?.language.coding?.[0]?.code;
  const doNotContactBy = doNotContact(request.resource, systems);

  const dto: CreateReferralDto = {
    citizen: {
      cpr,
      name: fullName,
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      address: { street: address?.line?.join(', ') ?? '', postcode: address?.postalCode ?? '', city: address?.city ?? '' },
      ...(language ? { language: language.slice(0, 2) } : {}),
      ...(doNotContactBy.length ? { contactPreferences: { doNotContactBy } } : {}),
      ...(addressProtected(p, now) ? { addressProtected: true } : {}),
    },
    reasons: reasons(request.resource, at(request.index, 'reasonCode'), systems),
    ...(request.resource.note?.length ? { note: request.resource.note.map((n) => n.text).join('\n\n') } : {}),
    consent: {
      referral: true,
      referrerFeedback: feedbackLevel(consent.resource.provision),
      method: consent.resource.sourceAttachment || consent.resource.sourceReference ? 'written' : 'verbal',
    },
  };
  const id = request.resource.identifier?.[0];
  const patientRefs = new Set([`Patient/${p.id}`, entries[patient.index].fullUrl].filter(Boolean));
  const subject = request.resource.subject?.reference;
  const requester = request.resource.requester;
  return {
    dto,
    identifier: id?.value ? `${id.system ?? ''}|${id.value}` : null,
    entries: { patient: patient.index, serviceRequest: request.index, consent: consent.index, count: entries.length },
    sender:
      id?.value && !looksLikeCpr(id.value)
        ? {
            identifier: { ...(id.system ? { system: id.system } : {}), value: id.value },
            ...(requester && (safeReference(requester.reference) || requester.display)
              ? {
                  requester: {
                    ...(safeReference(requester.reference) ? { reference: requester.reference } : {}),
                    ...(requester.display ? { display: requester.display.slice(0, 200) } : {}),
                  },
                }
              : {}),
            ...(subject && patientRefs.has(subject) && safeReference(subject) ? { subject } : {}),
          }
        : null,
  };
}

/**
 * A reference Bro may echo: short, plain, and without a CPR-like run of digits (a
 * conditional reference such as `Patient?identifier=…|<cpr>` is never kept).
 */
function safeReference(reference: string | undefined): reference is string {
  return !!reference && /^[A-Za-z0-9\-._:/]{1,200}$/.test(reference) && !looksLikeCpr(reference);
}

/** A CPR number (DDMMYY, a hyphen or not, four digits) anywhere in the text, standing alone among digits. */
export function looksLikeCpr(text: string): boolean {
  for (const m of text.matchAll(/(?<![0-9])([0-9]{2})([0-9]{2})[0-9]{2}-?[0-9]{4}(?![0-9])/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return true;
  }
  return false;
}

function inPeriod(period: Period | undefined, now: Date): boolean {
  if (!period) return true;
  const t = now.getTime();
  if (period.start && new Date(period.start).getTime() > t) return false;
  if (period.end && new Date(period.end).getTime() <= t) return false;
  return true;
}

/** The name in use now: within its period, not `old`; official before usual before the rest. */
const NAME_RANK = ['official', 'usual', undefined, 'temp', 'nickname', 'anonymous', 'maiden'];
export function currentName(names: HumanName[], now: Date): HumanName | undefined {
  const current = names.filter((n) => n.use !== 'old' && inPeriod(n.period, now));
  return rankBy(current.length ? current : names, (n) => NAME_RANK.indexOf(n.use));
}

/** The address in use now: within its period, not `old` or billing; home before temp before the rest, physical before postal. */
const ADDRESS_RANK = ['home', 'temp', undefined, 'work'];
export function currentAddress(addresses: Address[], now: Date): Address | undefined {
  const current = addresses.filter((a) => a.use !== 'old' && a.use !== 'billing' && inPeriod(a.period, now));
  return rankBy(current.length ? current : addresses, (a) => ADDRESS_RANK.indexOf(a.use) * 2 + (a.type === 'postal' ? 1 : 0));
}

function rankBy<T>(items: T[], rank: (item: T) => number): T | undefined {
  const score = (item: T) => (rank(item) < 0 ? 99 : rank(item));
  return [...items].sort((a, b) => score(a) - score(b))[0];
}

/**
 * Name-and-address protection as DK Core marks it: the security label R (restricted)
 * of v3-Confidentiality on the Patient (V, very restricted, is stricter still). The
 * older system URI is accepted too, as eHealth profiles still cite it, and so is a
 * label without a system, as DK Core's own current example is written: reading a
 * marking that is not there costs a detour, missing one that is there exposes an address.
 */
const CONFIDENTIALITY_SYSTEMS = new Set([
  undefined,
  'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  'http://hl7.org/fhir/v3/Confidentiality',
]);
const PROTECTED_CODES = new Set(['R', 'V']);

/** The eHealth infrastructure's period of name and address protection, which DK Core systems also send. */
const EHEALTH_PROTECTION = 'http://ehealth.sundhed.dk/fhir/StructureDefinition/ehealth-nameandaddressprotection';

export function addressProtected(patient: Patient, now: Date): boolean {
  return (
    (patient.meta?.security ?? []).some((s) => CONFIDENTIALITY_SYSTEMS.has(s.system) && !!s.code && PROTECTED_CODES.has(s.code)) ||
    (patient.extension ?? []).some((e) => e.url === EHEALTH_PROTECTION && (!e.valuePeriod || inPeriod(e.valuePeriod, now)))
  );
}

/** Bro's reason codes, or the Danish or English reason text as GP systems write it. */
function reasons(request: ServiceRequest, path: string, systems: BroSystems): CreateReferralDto['reasons'] {
  const codes = (request.reasonCode ?? []).map((concept, index) => {
    const coded = concept.coding?.find((c) => c.system === systems.reason)?.code;
    const text = (concept.text ?? concept.coding?.[0]?.display ?? '').trim().toLowerCase();
    const match = REASONS.find((r) => r.code === coded || r.da.toLowerCase() === text || r.en.toLowerCase() === text);
    if (!match) {
      throw FhirError.of(
        422,
        'code-invalid',
        `Unknown referral reason; use a code of ${systems.reason} or one of its Danish names (GET /v1/reference/reasons)`,
        `${path}[${index}]`,
      );
    }
    return match.code;
  });
  if (codes.length === 0) throw FhirError.of(422, 'required', 'ServiceRequest.reasonCode must name at least one reason', path);
  return [...new Set(codes)];
}

/** "Do not contact by …" order details. */
function doNotContact(request: ServiceRequest, systems: BroSystems): ContactChannel[] {
  const channels = (request.orderDetail ?? [])
    .flatMap((d) => d.coding ?? [])
    .filter((c) => c.system === systems.contactRestriction)
    .map((c) => c.code?.replace(/^do-not-contact-by-/, ''))
    .filter((c): c is ContactChannel => CONTACT_CHANNELS.includes(c as ContactChannel));
  return [...new Set(channels)];
}

/**
 * The feedback level from the nested provisions (fixture README): a permit for Task
 * and one for Communication → summary; Task only → status; otherwise none.
 */
export function feedbackLevel(root: ConsentProvision | undefined): FeedbackLevel {
  const permits = (resourceType: string) =>
    (root?.provision ?? []).some(
      (p) =>
        p.type === 'permit' && (p.class ?? []).some((c) => c.system === 'http://hl7.org/fhir/resource-types' && c.code === resourceType),
    );
  if (!permits('Task')) return 'none';
  return permits('Communication') ? 'summary' : 'status';
}

/** Where a field of the intake DTO came from in the Bundle, for OperationOutcome.expression. */
const FIELD_PATHS: Record<string, string> = {
  'citizen.cpr': 'Patient.identifier',
  'citizen.name': 'Patient.name',
  'citizen.phone': 'Patient.telecom',
  'citizen.email': 'Patient.telecom',
  'citizen.address': 'Patient.address',
  'citizen.address.street': 'Patient.address.line',
  'citizen.address.postcode': 'Patient.address.postalCode',
  'citizen.address.city': 'Patient.address.city',
  'citizen.language': 'Patient.communication.language',
  'citizen.contactPreferences.doNotContactBy': 'ServiceRequest.orderDetail',
  'citizen.addressProtected': 'Patient.meta.security',
  reasons: 'ServiceRequest.reasonCode',
  note: 'ServiceRequest.note',
  consent: 'Consent',
  'consent.referral': 'Consent.provision.type',
  'consent.referrerFeedback': 'Consent.provision.provision',
};

export function fhirPathOfField(field: string): string {
  return FIELD_PATHS[field] ?? FIELD_PATHS[field.split('.').slice(0, -1).join('.')] ?? field;
}
