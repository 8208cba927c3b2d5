import { randomUUID } from 'node:crypto';
import { BundleIndex, isDateTime, Organisation, Problem } from './care-communication';
import { AckCode, CATEGORIES, DEFINITION, MessageKind, SYSTEMS, UUID } from './medcom-codes';

type Json = Record<string, unknown>;
const ref = (id: string) => ({ reference: `urn:uuid:${id}` });
const entry = (resource: Json & { id: string }) => ({ fullUrl: `urn:uuid:${resource.id}`, resource });
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A narrative: MedCom requires one on every resource of a message. */
const narrative = (lines: string[]) => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escape(l)}</p>`).join('')}</div>`,
});

function organisationResource(id: string, o: Organisation): Json & { id: string } {
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization'] },
    text: narrative([`${o.name ?? ''} (SOR ${o.sor ?? ''}, EAN ${o.gln ?? ''})`]),
    identifier: [
      { system: SYSTEMS.sor, value: o.sor },
      { system: SYSTEMS.gln, value: o.gln },
    ],
    name: o.name,
  };
}

function destination(receiverId: string, to: Organisation) {
  return {
    extension: [{ url: SYSTEMS.destinationUseExtension, valueCoding: { system: SYSTEMS.destinationUse, code: 'primary' } }],
    endpoint: `${SYSTEMS.sorEndpoint}${to.sor ?? ''}`,
    receiver: ref(receiverId),
  };
}

/** The FHIR instant of a time, as MedCom writes it (with a time zone). */
const instant = (at: Date) => at.toISOString();

export interface AckInput {
  /** The MessageHeader id answered. */
  answers: string;
  code: AckCode;
  problems: Problem[];
  from: Organisation;
  to: Organisation;
  at: Date;
}

/** A MedCom Acknowledgement message: ok, or an error with an OperationOutcome naming each problem. */
export function acknowledgement(a: AckInput): { bundle: Json; headerId: string } {
  const [headerId, senderId, receiverId, provenanceId, outcomeId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const outcome =
    a.code === 'ok'
      ? null
      : {
          resourceType: 'OperationOutcome',
          id: outcomeId,
          meta: { profile: ['http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome'] },
          text: narrative(a.problems.map((p) => `${p.path}: ${p.message}`)),
          issue: a.problems.map((p) => ({
            severity: 'error',
            code: p.code === 'MSG_REFERENCE_NOT_FOUND' ? 'not-found' : p.code ? 'code-invalid' : 'structure',
            ...(p.code
              ? { details: { coding: [{ system: SYSTEMS.ackIssueDetails, code: p.code }], text: p.message } }
              : { details: { text: p.message } }),
            diagnostics: p.message,
            expression: [p.path],
          })),
        };
  const header = {
    resourceType: 'MessageHeader',
    id: headerId,
    meta: { profile: ['http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-messageheader'] },
    text: narrative([`Kvittering (${a.code}) for meddelelse ${a.answers}`]),
    eventCoding: { system: SYSTEMS.messageEvents, code: 'acknowledgement-message' },
    destination: [destination(receiverId, a.to)],
    sender: ref(senderId),
    source: { endpoint: `${SYSTEMS.sorEndpoint}${a.from.sor ?? ''}` },
    response: { identifier: a.answers, code: a.code, ...(outcome ? { details: ref(outcomeId) } : {}) },
    definition: `${DEFINITION.acknowledgement}|2.0`,
  };
  const provenance = {
    resourceType: 'Provenance',
    id: provenanceId,
    meta: { profile: ['http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance'] },
    target: [ref(headerId)],
    occurredDateTime: instant(a.at),
    recorded: instant(a.at),
    activity: { coding: [{ system: SYSTEMS.activity, code: 'acknowledgement' }] },
    agent: [{ who: ref(senderId) }],
    entity: [{ role: 'revision', what: { reference: `MessageHeader/${a.answers}` } }],
  };
  const bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: ['http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-message'] },
    type: 'message',
    timestamp: instant(a.at),
    entry: [
      entry(header),
      entry(organisationResource(senderId, a.from)),
      entry(organisationResource(receiverId, a.to)),
      entry(provenance),
      ...(outcome ? [entry(outcome)] : []),
    ],
  };
  return { bundle, headerId };
}

/** Is this body an Acknowledgement message? Then: what it answers, its code, and the problems it names. */
export function readAcknowledgement(input: unknown): { answers: string; code: AckCode; detail: string | null; headerId: string } | null {
  if (typeof input !== 'object' || input === null || (input as Json).resourceType !== 'Bundle') return null;
  const index = new BundleIndex(input as Json);
  const header = index.entries[0]?.resource;
  const event = header?.eventCoding as Json | undefined;
  if (header?.resourceType !== 'MessageHeader' || event?.code !== 'acknowledgement-message') return null;
  const response = header.response as Json | undefined;
  const code = response?.code;
  if (typeof response?.identifier !== 'string' || (code !== 'ok' && code !== 'transient-error' && code !== 'fatal-error')) return null;
  const outcome = index.resolve(response.details);
  const detail = outcome
    ? ((outcome.issue as Json[] | undefined) ?? [])
        .map((i) => [(i.details as Json | undefined)?.text, i.diagnostics, i.code].find((t): t is string => typeof t === 'string') ?? '')
        .join('; ')
        .slice(0, 1000)
    : null;
  return { answers: response.identifier, code, detail, headerId: typeof header.id === 'string' ? header.id : '' };
}

export interface CareCommunicationInput {
  kind: MessageKind;
  category: keyof typeof CATEGORIES;
  topic: string | null;
  from: Organisation;
  to: Organisation;
  patient: { cpr: string; name: string | null };
  text: string;
  author: { name: string; role: string };
  authorContact: string;
  at: Date;
  /** A reply's preceding MessageHeader id. */
  previous?: string;
}

/** A CareCommunication 5.0 message from the municipality, with a narrative on every resource but the Provenance. */
export function careCommunication(c: CareCommunicationInput): { bundle: Json; headerId: string } {
  const [headerId, patientId, communicationId, senderId, receiverId, roleId, practitionerId, provenanceId] = Array.from({ length: 8 }, () =>
    randomUUID(),
  );
  const segmentId = `urn:uuid:${randomUUID()}`;
  const [given, ...rest] = (c.patient.name ?? '').split(' ').filter(Boolean);
  const [aGiven, ...aRest] = c.author.name.split(' ').filter(Boolean);
  const patient = {
    resourceType: 'Patient',
    id: patientId,
    meta: { profile: ['http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient'] },
    text: narrative(['Borger (CPR i identifier)']),
    identifier: [{ system: SYSTEMS.cpr, value: c.patient.cpr }],
    name: [{ use: 'official', ...(rest.length ? { family: rest.join(' ') } : {}), ...(given ? { given: [given] } : {}) }],
  };
  const practitioner = {
    resourceType: 'Practitioner',
    id: practitionerId,
    meta: { profile: ['http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner'] },
    text: narrative([c.author.name]),
    name: [{ ...(aRest.length ? { family: aRest.join(' ') } : {}), ...(aGiven ? { given: [aGiven] } : {}) }],
  };
  const role = {
    resourceType: 'PractitionerRole',
    id: roleId,
    meta: { profile: ['http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitionerrole'] },
    text: narrative([c.author.role]),
    practitioner: ref(practitionerId),
    code: [{ text: c.author.role }],
  };
  const communication = {
    resourceType: 'Communication',
    id: communicationId,
    meta: { profile: ['http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-communication'] },
    text: narrative([
      `Kategori: ${CATEGORIES[c.category]}`,
      ...(c.topic ? [`Emne: ${c.topic}`] : []),
      `${c.author.name} (${c.author.role}), ${c.authorContact}, ${instant(c.at)}`,
      c.text,
    ]),
    identifier: [{ value: `urn:uuid:${randomUUID()}` }],
    status: 'unknown',
    category: [{ coding: [{ system: SYSTEMS.category, code: c.category }] }],
    subject: ref(patientId),
    ...(c.topic ? { topic: { text: c.topic } } : {}),
    payload: [
      {
        extension: [
          { url: SYSTEMS.extension.datetime, valueDateTime: instant(c.at) },
          { url: SYSTEMS.extension.identifier, valueIdentifier: { value: segmentId, assigner: ref(senderId) } },
          { url: SYSTEMS.extension.author, valueReference: ref(roleId) },
          { url: SYSTEMS.extension.authorContact, valueContactPoint: { system: 'phone', value: c.authorContact } },
        ],
        contentString: c.text,
      },
    ],
  };
  const header = {
    resourceType: 'MessageHeader',
    id: headerId,
    meta: { profile: ['http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader'] },
    text: narrative([`Korrespondancemeddelelse fra ${c.from.name ?? ''} til ${c.to.name ?? ''}`]),
    eventCoding: { system: SYSTEMS.messageEvents, code: 'care-communication-message' },
    destination: [destination(receiverId, c.to)],
    sender: ref(senderId),
    source: { endpoint: `${SYSTEMS.sorEndpoint}${c.from.sor ?? ''}` },
    focus: [ref(communicationId)],
    definition: `${DEFINITION.careCommunication}|5.0`,
  };
  const activity = c.kind === 'reply' ? 'reply-message' : c.kind === 'forward' ? 'forward-message' : 'new-message';
  const provenance = {
    resourceType: 'Provenance',
    id: provenanceId,
    meta: { profile: ['http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-provenance'] },
    target: [ref(headerId)],
    occurredDateTime: instant(c.at),
    recorded: instant(c.at),
    activity: { coding: [{ system: SYSTEMS.activity, code: activity }] },
    agent: [{ who: ref(senderId) }],
    entity: [
      ...(c.previous ? [{ role: 'revision', what: { reference: `MessageHeader/${c.previous}` } }] : []),
      { role: 'source', what: { identifier: { value: segmentId } } },
    ],
  };
  const bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: ['http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message'] },
    type: 'message',
    timestamp: instant(c.at),
    entry: [
      entry(header),
      entry(patient),
      entry(communication),
      entry(role),
      entry(practitioner),
      entry(organisationResource(senderId, c.from)),
      entry(organisationResource(receiverId, c.to)),
      entry(provenance),
    ],
  };
  return { bundle, headerId };
}

/** The Acknowledgement's own profile checks, for what Bro sends (fixed values, references, the response). */
export function checkAcknowledgement(bundle: Json): Problem[] {
  const problems: Problem[] = [];
  const index = new BundleIndex(bundle);
  const header = index.entries[0]?.resource;
  if (bundle.type !== 'message' || !isDateTime(bundle.timestamp)) problems.push({ path: 'Bundle', message: 'a message with a timestamp' });
  if (!header || header.resourceType !== 'MessageHeader')
    return [...problems, { path: 'Bundle.entry[0]', message: 'the MessageHeader first' }];
  const response = header.response as Json | undefined;
  if (!response || typeof response.identifier !== 'string' || !UUID.test(response.identifier)) {
    problems.push({ path: 'MessageHeader.response.identifier', message: 'the answered MessageHeader id' });
  }
  if (response?.code !== 'ok' && !index.resolve(response?.details))
    problems.push({ path: 'MessageHeader.response.details', message: 'an error names its OperationOutcome' });
  if (!index.resolve(header.sender)) problems.push({ path: 'MessageHeader.sender', message: 'shall resolve' });
  if (index.ofType('Provenance').length === 0)
    problems.push({ path: 'Provenance', message: 'medcom-messaging-1: at least one Provenance' });
  return problems;
}
