/** MedCom's systems and codes (the FSH sources in shared/fixtures/medcom, ADR 0028). */
export const SYSTEMS = {
  bundleProfile: 'http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message',
  messageEvents: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes',
  destinationUse: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse',
  destinationUseExtension: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension',
  category: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes',
  activity: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes',
  priority: 'http://hl7.org/fhir/request-priority',
  ackIssueDetails: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-acknowledgement-error-codes',
  cpr: 'urn:oid:1.2.208.176.1.2',
  sor: 'urn:oid:1.2.208.176.1.1',
  gln: 'urn:oid:1.3.88',
  sorEndpoint: 'https://sor2.sum.dsdn.dk/#id=',
  practitionerRole: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ',
  extension: {
    datetime: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-datetime-extension',
    author: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-practitioner-extension',
    authorContact: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-contact-extension',
    identifier: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-identifier-extension',
    sender: 'http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-sender-extension',
  },
} as const;

export const DEFINITION = {
  careCommunication: 'http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition',
  acknowledgement: 'http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComAcknowledgementMessageDefinition',
} as const;

/** The versions of CareCommunication Bro takes; it sends 5.0. */
export const VERSIONS = ['4.0', '5.0'] as const;
export type MedcomVersion = (typeof VERSIONS)[number];

/** MedComCareCommunicationCategoryCodes (dk-medcom-terminology), with the Danish designations. */
export const CATEGORIES: Record<string, string> = {
  'alcohol-and-drug-treatment': 'Rusmiddelbehandling',
  assessment: 'Vurdering',
  'assistive-devices': 'Hjælpemidler',
  carecoordination: 'Forløbskoordinering',
  decease: 'Dødsfald',
  discharge: 'Udskrivelse',
  'drug-treatment': 'Medicinsk behandling',
  'examination-results': 'Undersøgelsessvar',
  healthcare: 'Sundhedspleje',
  'home-care-assessment': 'Visitation',
  medicine: 'Medicin',
  nursing: 'Sygepleje',
  outpatient: 'Ambulant',
  'psychiatry-social-disability': 'Psykiatri, social, handicap',
  'regarding-referral': 'Vedr. henvisning',
  telemedicine: 'Telemedicin',
  training: 'Træning',
  other: 'Andet',
};

/** Provenance.activity of a CareCommunication → the thread's kind. */
export const ACTIVITIES = { 'new-message': 'new', 'reply-message': 'reply', 'forward-message': 'forward' } as const;
export type MessageKind = (typeof ACTIVITIES)[keyof typeof ACTIVITIES];

/** medcom-uuidv4: an identifier's value is a version 4 UUID as a URN. */
export const UUID_V4_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A resource id as MedCom uses them (a UUID; any version). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** MedCom's attachment MIME types (medcom-core-attachmentMimeTypes). */
export const ATTACHMENT_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/gif',
  'text/plain',
  'text/html',
  'application/xml',
  'video/mp4',
  'video/mpeg',
  'audio/mpeg',
  'audio/mp4',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

export type AckCode = 'ok' | 'transient-error' | 'fatal-error';
