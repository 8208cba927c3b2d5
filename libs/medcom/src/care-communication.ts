import {
  ACTIVITIES,
  ATTACHMENT_TYPES,
  CATEGORIES,
  DEFINITION,
  MedcomVersion,
  MessageKind,
  SYSTEMS,
  UUID,
  UUID_V4_URN,
  VERSIONS,
} from './medcom-codes';

/** One thing wrong with a message: where (a FHIRPath-ish expression) and what, never a value it holds. */
export interface Problem {
  path: string;
  message: string;
  /** MedCom's acknowledgement error code where one fits. */
  code?: string;
}

export interface Organisation {
  name: string | null;
  sor: string | null;
  gln: string | null;
}

export interface Segment {
  text: string;
  author: string | null;
  authorContact: string | null;
  /** As sent, with its offset. */
  date: string;
}

export interface Attachment {
  title: string;
  author: string | null;
  creation: string | null;
  url: string | null;
  contentType: string | null;
  /** base64, when the attachment is carried in the message. */
  data: string | null;
}

/** What a CareCommunication message says, read from its Bundle. */
export interface CareCommunicationMessage {
  headerId: string;
  version: MedcomVersion;
  kind: MessageKind;
  category: string;
  topic: string | null;
  priority: string | null;
  sender: Organisation;
  recipient: Organisation;
  segments: Segment[];
  attachments: Attachment[];
  patient: { cpr: string | null; name: string | null };
  /** The MessageHeader id this one answers or forwards (Provenance entity), if given. */
  previous: string | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));
}

/** A message Bundle's entries, resolvable by fullUrl or by `Type/id`. */
export class BundleIndex {
  readonly entries: { fullUrl: string | null; resource: Json }[];

  constructor(bundle: Json) {
    this.entries = arr(bundle.entry)
      .filter(isObject)
      .map((e) => ({ fullUrl: str(e.fullUrl), resource: isObject(e.resource) ? e.resource : {} }));
  }

  resolve(ref: unknown): Json | null {
    const reference = isObject(ref) ? str(ref.reference) : null;
    if (!reference) return null;
    for (const { fullUrl, resource } of this.entries) {
      if (fullUrl === reference) return resource;
      const local = `${String(resource.resourceType)}/${String(resource.id)}`;
      if (reference === local || reference.endsWith(`/${local}`) || fullUrl?.endsWith(`/${reference}`)) return resource;
    }
    return null;
  }

  ofType(type: string): Json[] {
    return this.entries.map((e) => e.resource).filter((r) => r.resourceType === type);
  }
}

/** The extension of an element whose URL ends with the name (4.0's CareCommunication and 5.0's core URLs alike). */
function extension(element: Json, ...names: string[]): Json | null {
  for (const e of arr(element.extension)) {
    const url = isObject(e) ? str(e.url) : null;
    if (url && names.some((n) => url.endsWith(`/${n}`))) return e as Json;
  }
  return null;
}

function organisation(resource: Json | null): Organisation {
  const ids = arr(resource?.identifier).filter(isObject);
  const value = (system: string) => str(ids.find((i) => i.system === system)?.value);
  return { name: str(resource?.name), sor: value(SYSTEMS.sor), gln: value(SYSTEMS.gln) };
}

function humanName(resource: Json | null): string | null {
  const name = arr(resource?.name).filter(isObject)[0];
  if (!name) return null;
  const text = str(name.text);
  if (text) return text;
  const parts = [...arr(name.given).filter((g): g is string => typeof g === 'string'), str(name.family)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The author of a segment: a PractitionerRole (its practitioner's name and role) or a Practitioner. */
function author(index: BundleIndex, ext: Json | null, problems: Problem[], path: string): string | null {
  if (!ext) return null;
  const who = index.resolve(ext.valueReference);
  if (!who) {
    problems.push({ path, message: 'the author reference does not resolve to an entry of the Bundle', code: 'MSG_REFERENCE_NOT_FOUND' });
    return null;
  }
  if (who.resourceType === 'PractitionerRole') {
    const practitioner = index.resolve(who.practitioner);
    const name = humanName(practitioner);
    if (!name) problems.push({ path, message: 'medcom-careCommunication-8: the author’s practitioner has no name' });
    const code = isObject(who.code) ? who.code : arr(who.code).filter(isObject)[0];
    const role = code ? (str(code.text) ?? str(arr(code.coding).filter(isObject)[0]?.code)) : null;
    return [name, role].filter(Boolean).join(', ') || null;
  }
  return humanName(who);
}

function contact(ext: Json | null): string | null {
  const cp = ext && isObject(ext.valueContactPoint) ? ext.valueContactPoint : null;
  return cp ? str(cp.value) : null;
}

/**
 * Reads and checks a MedCom CareCommunication message Bundle (4.0 or 5.0) against the
 * profiles' rules that can be checked without a terminology server: the Bundle and
 * MessageHeader's fixed values, the references, cardinalities, medcom-uuidv4, the
 * category and activity codes, the invariants medcom-careCommunication-5, -6 and -8,
 * the segments' and attachments' required extensions, and (when `narrative`, as for
 * what Bro sends) a narrative on every resource. Problems name paths, never values.
 */
export function readCareCommunication(
  input: unknown,
  opts: { narrative?: boolean } = {},
): { message: CareCommunicationMessage | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (path: string, message: string, code?: string) => problems.push({ path, message, ...(code ? { code } : {}) });
  if (!isObject(input) || input.resourceType !== 'Bundle') {
    fail('Bundle', 'the body is not a FHIR Bundle');
    return { message: null, problems };
  }
  if (input.type !== 'message') fail('Bundle.type', 'shall be "message"');
  if (!isDateTime(input.timestamp)) fail('Bundle.timestamp', 'shall be a dateTime with a time zone');
  if (typeof input.id !== 'string' || !UUID.test(input.id)) fail('Bundle.id', 'shall be a UUID');
  const index = new BundleIndex(input);
  const header = index.entries[0]?.resource;
  if (!header || header.resourceType !== 'MessageHeader') {
    fail('Bundle.entry[0]', 'the first entry shall be the MessageHeader');
    return { message: null, problems };
  }
  for (const [i, e] of index.entries.entries()) {
    if (!e.fullUrl) fail(`Bundle.entry[${i}].fullUrl`, 'shall be present');
    if (typeof e.resource.id !== 'string' || !UUID.test(e.resource.id)) fail(`Bundle.entry[${i}].resource.id`, 'shall be a UUID');
    if (opts.narrative && e.resource.resourceType !== 'Provenance') {
      const text = isObject(e.resource.text) ? e.resource.text : null;
      if (!text || !str(text.status) || !str(text.div)) fail(`Bundle.entry[${i}].resource.text`, 'the narrative shall be present');
    }
  }
  const headerId = str(header.id) ?? '';
  const event = isObject(header.eventCoding) ? header.eventCoding : {};
  if (event.system !== SYSTEMS.messageEvents || event.code !== 'care-communication-message') {
    fail('MessageHeader.eventCoding', 'shall be care-communication-message from the MedCom message events', 'MSG_VALUESET_VALUE_UNKNOWN');
  }
  const definition = str(header.definition);
  let version: MedcomVersion | null = null;
  if (definition) {
    const [url, v] = definition.split('|');
    if (url !== DEFINITION.careCommunication || !VERSIONS.includes(v as MedcomVersion)) {
      fail('MessageHeader.definition', `shall name the CareCommunication message definition, version ${VERSIONS.join(' or ')}`);
    } else version = v as MedcomVersion;
  } else fail('MessageHeader.definition', 'shall be present (the message definition and its version)');

  const destinations = arr(header.destination).filter(isObject);
  const primary = destinations.filter((d) => {
    const use = extension(d, 'medcom-messaging-destinationUseExtension');
    return isObject(use?.valueCoding) && use.valueCoding.code === 'primary';
  });
  if (primary.length !== 1) fail('MessageHeader.destination', 'shall have exactly one primary destination (destinationUse extension)');
  const receiverResource = primary[0] ? index.resolve(primary[0].receiver) : null;
  if (!receiverResource || receiverResource.resourceType !== 'Organization') {
    fail('MessageHeader.destination[primary].receiver', 'shall resolve to an Organization in the Bundle', 'MSG_REFERENCE_NOT_FOUND');
  }
  const senderResource = index.resolve(header.sender);
  if (!senderResource || senderResource.resourceType !== 'Organization') {
    fail('MessageHeader.sender', 'shall resolve to an Organization in the Bundle', 'MSG_REFERENCE_NOT_FOUND');
  }
  if (!isObject(header.source) || !str(header.source.endpoint)) fail('MessageHeader.source.endpoint', 'shall be present');
  const sender = organisation(senderResource);
  const recipient = organisation(receiverResource);
  for (const [path, org] of [
    ['MessageHeader.sender', sender],
    ['MessageHeader.destination[primary].receiver', recipient],
  ] as const) {
    if (!org.sor) fail(`${path}.identifier`, 'the Organization shall carry a SOR identifier');
    if (!org.gln) fail(`${path}.identifier`, 'the Organization shall carry an EAN/GLN identifier');
    if (!org.name) fail(`${path}.name`, 'the Organization shall have a name');
  }

  const focus = arr(header.focus);
  const communication = focus.length === 1 ? index.resolve(focus[0]) : null;
  if (!communication || communication.resourceType !== 'Communication') {
    fail('MessageHeader.focus', 'shall reference exactly one Communication in the Bundle', 'MSG_REFERENCE_NOT_FOUND');
    return { message: null, problems };
  }
  if (communication.status !== 'unknown' && communication.status !== 'entered-in-error') {
    fail('Communication.status', 'shall be "unknown" (or "entered-in-error")');
  }
  const identifiers = arr(communication.identifier).filter(isObject);
  if (identifiers.length !== 1 || !UUID_V4_URN.test(str(identifiers[0].value) ?? '')) {
    fail('Communication.identifier', 'medcom-uuidv4: exactly one identifier whose value is a version 4 UUID URN');
  }
  const categories = arr(communication.category).filter(isObject);
  const codings = categories.length === 1 ? arr(categories[0].coding).filter(isObject) : [];
  const category = codings.length === 1 ? str(codings[0].code) : null;
  if (codings.length !== 1 || codings[0].system !== SYSTEMS.category || !category || !(category in CATEGORIES)) {
    fail('Communication.category', 'shall be one coding from the MedCom CareCommunication category codes', 'MSG_VALUESET_VALUE_UNKNOWN');
  }
  const priority = str(communication.priority);
  if (priority && category !== 'regarding-referral') {
    fail('Communication.priority', 'medcom-careCommunication-5: a priority only with the category regarding-referral');
  }
  if (priority && priority !== 'asap') fail('Communication.priority', 'shall be "asap" when present');
  const topic = isObject(communication.topic) ? str(communication.topic.text) : null;
  if (communication.topic !== undefined && !topic) fail('Communication.topic.text', 'shall be present when a topic is given');
  if (category === 'other' && !topic)
    fail('Communication.topic', 'medcom-careCommunication-6: a topic is required with the category other');
  const recipients = arr(communication.recipient);
  if (recipients.length > 1) fail('Communication.recipient', 'at most one');
  if (recipients.length > 0 && version === '4.0') fail('Communication.recipient', 'is not part of CareCommunication 4.0');

  const patient = index.resolve(communication.subject);
  if (!patient || patient.resourceType !== 'Patient') {
    fail('Communication.subject', 'shall resolve to a Patient in the Bundle', 'MSG_REFERENCE_NOT_FOUND');
  }
  const cpr = str(
    arr(patient?.identifier)
      .filter(isObject)
      .find((i) => i.system === SYSTEMS.cpr)?.value,
  );

  const segments: Segment[] = [];
  const attachments: Attachment[] = [];
  const payloads = arr(communication.payload);
  if (payloads.length === 0) fail('Communication.payload', 'at least one message segment');
  for (const [i, raw] of payloads.entries()) {
    const path = `Communication.payload[${i}]`;
    if (!isObject(raw)) {
      fail(path, 'shall be an object');
      continue;
    }
    const date = extension(raw, 'medcom-core-datetime-extension', 'medcom-carecommunication-datetime-extension');
    const ident = extension(raw, 'medcom-core-identifier-extension', 'medcom-identifier-extension');
    const authorExt = extension(raw, 'medcom-core-practitioner-extension', 'medcom-carecommunication-author-extension');
    const contactExt = extension(raw, 'medcom-core-contact-extension', 'medcom-carecommunication-author-contact-extension');
    if (!date || !isDateTime(date.valueDateTime)) fail(`${path}.extension[date]`, 'shall be a dateTime with a time zone');
    const identValue = ident && isObject(ident.valueIdentifier) ? str(ident.valueIdentifier.value) : null;
    // MedCom's own examples carry version 1 UUIDs here (2nd-message.fsh): a UUID URN, of any version.
    if (!identValue || !identValue.startsWith('urn:uuid:') || !UUID.test(identValue.slice(9))) {
      fail(`${path}.extension[identifier]`, 'the segment identifier shall be a UUID URN');
    }
    const who = author(index, authorExt, problems, `${path}.extension[author]`);
    if (typeof raw.contentString === 'string') {
      if (raw.contentString.trim().length === 0) fail(`${path}.contentString`, 'shall not be empty');
      if (!authorExt) fail(`${path}.extension[author]`, 'shall be present on a message text');
      if (!contactExt || !contact(contactExt)) fail(`${path}.extension[authorContact]`, 'shall be present on a message text');
      segments.push({ text: raw.contentString, author: who, authorContact: contact(contactExt), date: str(date?.valueDateTime) ?? '' });
    } else if (isObject(raw.contentAttachment)) {
      const a = raw.contentAttachment;
      const title = str(a.title);
      if (!title) fail(`${path}.contentAttachment.title`, 'shall be present');
      const data = str(a.data);
      const url = str(a.url);
      if (!data && !url) fail(`${path}.contentAttachment`, 'shall carry the content (data) or a link (url)');
      const contentType = str(a.contentType);
      if (data && !contentType) fail(`${path}.contentAttachment.contentType`, 'shall be present when the content is included');
      if (contentType && !ATTACHMENT_TYPES.has(contentType))
        fail(`${path}.contentAttachment.contentType`, 'is not a MedCom attachment type', 'MSG_VALUESET_VALUE_UNKNOWN');
      if (data && !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) fail(`${path}.contentAttachment.data`, 'shall be base64');
      if (a.creation !== undefined && !isDateTime(a.creation))
        fail(`${path}.contentAttachment.creation`, 'shall be a dateTime with a time zone');
      attachments.push({ title: title ?? '', author: who, creation: str(a.creation), url, contentType, data });
    } else fail(path, 'shall carry contentString or contentAttachment');
  }
  if (payloads.length > 0 && segments.length === 0) fail('Communication.payload', 'at least one segment with a message text');

  const provenances = index.ofType('Provenance').filter((p) => arr(p.target).some((t) => index.resolve(t) === header));
  let kind: MessageKind | null = null;
  let previous: string | null = null;
  if (provenances.length !== 1) fail('Provenance', 'exactly one Provenance shall target the MessageHeader');
  else {
    const p = provenances[0];
    const coding = isObject(p.activity) ? arr(p.activity.coding).filter(isObject)[0] : undefined;
    const code = str(coding?.code);
    if (!coding || coding.system !== SYSTEMS.activity || !code || !(code in ACTIVITIES)) {
      fail(
        'Provenance.activity',
        'shall be new-message, reply-message or forward-message from the MedCom activity codes',
        'MSG_VALUESET_VALUE_UNKNOWN',
      );
    } else kind = ACTIVITIES[code as keyof typeof ACTIVITIES];
    if (!isDateTime(p.occurredDateTime)) fail('Provenance.occurredDateTime', 'shall be a dateTime with a time zone');
    if (!isDateTime(p.recorded)) fail('Provenance.recorded', 'shall be a dateTime with a time zone');
    if (!index.resolve(arr(p.agent).filter(isObject)[0]?.who)) {
      fail('Provenance.agent.who', 'shall resolve to the sending Organization', 'MSG_REFERENCE_NOT_FOUND');
    }
    const revision = arr(p.entity)
      .filter(isObject)
      .find((e) => e.role === 'revision');
    const ref = revision && isObject(revision.what) ? str(revision.what.reference) : null;
    previous = ref ? (ref.split('/').pop() ?? null) : null;
    if (kind === 'reply' && !previous) fail('Provenance.entity', 'a reply shall name the message it answers (role revision)');
  }

  if (problems.length > 0 || !version || !kind || !category) return { message: null, problems };
  return {
    message: {
      headerId,
      version,
      kind,
      category,
      topic,
      priority,
      sender,
      recipient,
      segments,
      attachments,
      patient: { cpr, name: humanName(patient) },
      previous,
    },
    problems,
  };
}
