import { careCommunicationExample } from '../../../test/kit/medcom';
import { readCareCommunication } from './care-communication';
import { acknowledgement, careCommunication, checkAcknowledgement, readAcknowledgement } from './messages-out';

type Json = Record<string, any>;
const communication = (b: Json) => b.entry[2].resource as Json;
const paths = (b: unknown) => readCareCommunication(b).problems.map((p) => p.path);

describe('readCareCommunication (MedCom’s example instances)', () => {
  it('reads the new message, the reply with its attachment and the forward, 4.0 and 5.0', () => {
    for (const version of ['4.0', '5.0'] as const) {
      for (const kind of ['new', 'reply', 'forward'] as const) {
        const { message, problems } = readCareCommunication(careCommunicationExample({ version, kind }));
        expect(problems).toEqual([]);
        expect(message).toMatchObject({
          version,
          kind,
          category: 'examination-results',
          patient: { cpr: '2509479989', name: 'Bruno Elmer' },
        });
      }
    }
  });

  it('names each broken rule by its path', () => {
    const other = careCommunicationExample({ category: 'other' });
    delete communication(other).topic;
    expect(paths(other)).toContain('Communication.topic'); // medcom-careCommunication-6
    expect(paths(careCommunicationExample({ priority: 'asap' }))).toContain('Communication.priority'); // -5
    const unknown = careCommunicationExample({ category: 'gossip' });
    expect(paths(unknown)).toContain('Communication.category');
    const v4 = careCommunicationExample({ version: '4.0' });
    communication(v4).recipient = [{ reference: 'PractitionerRole/eda90bde-54f9-11ed-bdc3-0242ac120002' }];
    expect(paths(v4)).toContain('Communication.recipient');
    const noContact = careCommunicationExample();
    communication(noContact).payload[0].extension.pop();
    expect(paths(noContact)).toContain('Communication.payload[0].extension[authorContact]');
    expect(paths({ resourceType: 'Bundle', type: 'message', entry: [] })).toContain('Bundle.entry[0]');
  });
});

describe('what Bro sends', () => {
  const org = { name: 'Testkommune', sor: '265001000016001', gln: '5790002650000' };
  const clinic = { name: 'Lægehuset Algade', sor: '265101000016002', gln: '5790001234010' };

  it('builds a CareCommunication that passes every check, the narrative included', () => {
    const { bundle } = careCommunication({
      kind: 'new',
      category: 'regarding-referral',
      topic: 'Social henvisning',
      from: org,
      to: clinic,
      patient: { cpr: '2509479989', name: 'Bruno Elmer' },
      text: 'Første samtale er holdt.\nHilsen kommunen',
      author: { name: 'Testkommune', role: 'Brobygger' },
      authorContact: 'Testkommune',
      at: new Date('2026-11-27T10:00:00Z'),
    });
    expect(readCareCommunication(bundle, { narrative: true }).problems).toEqual([]);
  });

  it('builds Acknowledgements that read back', () => {
    const ok = acknowledgement({
      answers: '42cb9200-f421-4d08-8391-7d51a2503cb4',
      code: 'ok',
      problems: [],
      from: org,
      to: clinic,
      at: new Date(),
    });
    expect(checkAcknowledgement(ok.bundle)).toEqual([]);
    expect(readAcknowledgement(ok.bundle)).toMatchObject({ answers: '42cb9200-f421-4d08-8391-7d51a2503cb4', code: 'ok', detail: null });
    const bad = acknowledgement({
      answers: '42cb9200-f421-4d08-8391-7d51a2503cb4',
      code: 'fatal-error',
      problems: [{ path: 'Communication.identifier', message: 'medcom-uuidv4' }],
      from: org,
      to: clinic,
      at: new Date(),
    });
    expect(checkAcknowledgement(bad.bundle)).toEqual([]);
    expect(readAcknowledgement(bad.bundle)).toMatchObject({ code: 'fatal-error', detail: 'medcom-uuidv4' });
  });
});
