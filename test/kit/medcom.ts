import { randomUUID } from 'node:crypto';

/**
 * MedCom CareCommunication messages as JSON, built from MedCom's own example instances
 * (shared/fixtures/medcom/dk-medcom-carecommunication: 1st-message.fsh — a new message;
 * 2nd-message.fsh — the reply with a PDF attachment; 5th-message.fsh — a forward), with
 * the values of those instances; the CPR, the receiver and the ids can be replaced so a
 * test can address its own municipality and citizen. `version` 4.0 uses 4.0's
 * CareCommunication extension URLs and no Communication.recipient.
 */
const CAT = 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes';
const BASE = 'https://medcomfhir.dk/ig/carecommunication';
/** The start of the example's PDF (2nd-message.fsh), base64. */
export const EXAMPLE_PDF =
  'JVBERi0xLjcNCiW1tbW1DQoxIDAgb2JqDQo8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFIvTGFuZyhkYSkgL1N0cnVjdFRyZWVSb290IDIyIDAgUi9NYXJrSW5mbzw8L01hcmtlZCB0cnVlPj4vTWV0YWRhdGEgNjQgMCBSL1ZpZXdlclByZWZlcmVuY2VzIDY1IDAgUj4+DQplbmRvYmoNCg==';

export interface ExampleOptions {
  kind?: 'new' | 'reply' | 'forward';
  version?: '4.0' | '5.0';
  cpr?: string;
  headerId?: string;
  receiver?: { sor: string; gln: string; name: string };
  category?: string;
  priority?: string;
  text?: string;
  attachment?: boolean;
}

export function careCommunicationExample(o: ExampleOptions = {}) {
  const kind = o.kind ?? 'new';
  const version = o.version ?? '5.0';
  const ext = (name5: string, name4: string) =>
    version === '5.0'
      ? `http://medcomfhir.dk/ig/core/StructureDefinition/${name5}`
      : `http://medcomfhir.dk/ig/carecommunication/StructureDefinition/${name4}`;
  const ids = {
    header: o.headerId ?? randomUUID(),
    patient: '733cef33-3626-422b-955d-d506aaa65fe1',
    communication: randomUUID(),
    role: 'eda90bde-54f9-11ed-bdc3-0242ac120002',
    practitioner: '58c811a5-4082-44eb-9d66-ccbb112d4973',
    receiver: '487ac745-fd11-4879-9b59-c08c7d47260e',
    sender: 'b581c63c-181f-46f6-990d-b9942c576724',
    provenance: randomUUID(),
  };
  const receiver = o.receiver ?? { sor: '953741000016009', gln: '5790001348120', name: 'Plejecenter Herlev' };
  const url = (type: string, id: string) => `${BASE}/${type}/${id}`;
  const at = kind === 'new' ? '2024-05-01T12:00:00+02:00' : '2024-05-02T11:30:00+02:00';
  const payload: Record<string, unknown>[] = [
    {
      extension: [
        { url: ext('medcom-core-datetime-extension', 'medcom-carecommunication-datetime-extension'), valueDateTime: at },
        {
          url: ext('medcom-core-identifier-extension', 'medcom-identifier-extension'),
          valueIdentifier: { value: `urn:uuid:${randomUUID()}`, assigner: { reference: `Organization/${ids.sender}` } },
        },
        {
          url: ext('medcom-core-practitioner-extension', 'medcom-carecommunication-author-extension'),
          valueReference: { reference: `PractitionerRole/${ids.role}` },
        },
        {
          url: ext('medcom-core-contact-extension', 'medcom-carecommunication-author-contact-extension'),
          valueContactPoint: { system: 'phone', value: '38683868' },
        },
      ],
      contentString:
        o.text ??
        'Til rette vedkommende. Vi ønsker information om de seneste undersøgelser udført på Bruno. På forhånd tak. Hilsen Michael, sygeplejerske.',
    },
  ];
  if (o.attachment ?? kind === 'reply') {
    payload.push({
      extension: [
        { url: ext('medcom-core-datetime-extension', 'medcom-carecommunication-datetime-extension'), valueDateTime: at },
        {
          url: ext('medcom-core-identifier-extension', 'medcom-identifier-extension'),
          valueIdentifier: {
            value: 'urn:uuid:cd422e42-5bad-11ed-9b6a-0242ac120002',
            assigner: { reference: `Organization/${ids.sender}` },
          },
        },
      ],
      contentAttachment: { contentType: 'application/pdf', title: 'Blodprøveresultater', data: EXAMPLE_PDF, creation: at },
    });
  }
  const activity = kind === 'new' ? 'new-message' : kind === 'reply' ? 'reply-message' : 'forward-message';
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: at,
    entry: [
      {
        fullUrl: url('MessageHeader', ids.header),
        resource: {
          resourceType: 'MessageHeader',
          id: ids.header,
          eventCoding: {
            system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes',
            code: 'care-communication-message',
          },
          destination: [
            {
              extension: [
                {
                  url: 'http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension',
                  valueCoding: {
                    system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse',
                    code: 'primary',
                  },
                },
              ],
              endpoint: `https://sor2.sum.dsdn.dk/#id=${receiver.sor}`,
              receiver: { reference: `Organization/${ids.receiver}` },
            },
          ],
          sender: { reference: `Organization/${ids.sender}` },
          source: { endpoint: 'https://sor2.sum.dsdn.dk/#id=265161000016000' },
          focus: [{ reference: `Communication/${ids.communication}` }],
          definition: `http://medcomfhir.dk/ig/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|${version}`,
        },
      },
      {
        fullUrl: url('Patient', ids.patient),
        resource: {
          resourceType: 'Patient',
          id: ids.patient,
          identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: o.cpr ?? '2509479989' }],
          name: [{ use: 'official', family: 'Elmer', given: ['Bruno'] }],
        },
      },
      {
        fullUrl: url('Communication', ids.communication),
        resource: {
          resourceType: 'Communication',
          id: ids.communication,
          status: 'unknown',
          identifier: [{ value: 'urn:uuid:b2eb3d0e-5de5-4de9-b2a3-0ff321ad1c3a' }],
          category: [{ coding: [{ system: CAT, code: o.category ?? 'examination-results' }] }],
          ...(o.priority ? { priority: o.priority } : {}),
          topic: { text: 'Forspørgsel på seneste resultater' },
          subject: { reference: `Patient/${ids.patient}` },
          payload,
        },
      },
      {
        fullUrl: url('PractitionerRole', ids.role),
        resource: {
          resourceType: 'PractitionerRole',
          id: ids.role,
          practitioner: { reference: `Practitioner/${ids.practitioner}` },
          code: [
            {
              coding: [
                {
                  system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ',
                  code: 'sygeplejerske',
                },
              ],
            },
          ],
        },
      },
      {
        fullUrl: url('Practitioner', ids.practitioner),
        resource: { resourceType: 'Practitioner', id: ids.practitioner, name: [{ family: 'Burns', given: ['Michael'] }] },
      },
      {
        fullUrl: url('Organization', ids.receiver),
        resource: {
          resourceType: 'Organization',
          id: ids.receiver,
          identifier: [
            { system: 'urn:oid:1.2.208.176.1.1', value: receiver.sor },
            { system: 'urn:oid:1.3.88', value: receiver.gln },
          ],
          name: receiver.name,
        },
      },
      {
        fullUrl: url('Organization', ids.sender),
        resource: {
          resourceType: 'Organization',
          id: ids.sender,
          identifier: [
            { system: 'urn:oid:1.2.208.176.1.1', value: '265161000016000' },
            { system: 'urn:oid:1.3.88', value: '5790000209354' },
          ],
          name: 'Hjerteafdelingen på Herlev og Gentofte hospital',
        },
      },
      {
        fullUrl: url('Provenance', ids.provenance),
        resource: {
          resourceType: 'Provenance',
          id: ids.provenance,
          target: [{ reference: `MessageHeader/${ids.header}` }],
          occurredDateTime: at,
          recorded: at,
          activity: {
            coding: [{ system: 'http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes', code: activity }],
          },
          agent: [{ who: { reference: `Organization/${ids.sender}` } }],
          entity: kind === 'new' ? [] : [{ role: 'revision', what: { reference: 'MessageHeader/42cb9200-f421-4d08-8391-7d51a2503cb4' } }],
        },
      },
    ],
  };
}
