import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  bootApi,
  caller,
  careCommunicationExample,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  EXAMPLE_PDF,
  http,
  referralBody,
  TestUser,
  validCpr,
} from './kit';

/** MedCom (issue 18, ADR 0028): identity, and CareCommunication in with its Acknowledgement. */
describe('MedCom (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let m: string;
  let gateway: TestUser;
  let coordinator: TestUser;
  let brobygger: TestUser & { brobyggerId: string };
  let referrer: TestUser;
  const us = { sor: '265001000016001', gln: '5790002650000', name: 'Testkommune, Social henvisning' };

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
    m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    brobygger = await createBrobygger(ds, m, [area], 10);
    coordinator = await createUser(ds, m, 'coordinator');
    referrer = await createUser(ds, m, 'referrer');
    gateway = await createUser(ds, m, 'gateway');
    expect((await call(coordinator, 'PATCH', '/v1/municipality', { medcom: us })).status).toBe(200);
  });
  afterAll(() => api.close());

  async function newCase(cpr = validCpr()) {
    const id = (await call(referrer, 'POST', '/v1/referrals', referralBody({ cpr }))).body.id as string;
    await call(coordinator, 'POST', `/v1/referrals/${id}/assign`, { brobyggerId: brobygger.brobyggerId });
    return { id, cpr };
  }
  const send = (body: unknown) => call(gateway, 'POST', '/medcom', body);
  const ackOf = (res: { body: { entry: { resource: Record<string, any> }[] } }) => res.body.entry[0].resource.response;

  it('keeps the municipality’s MedCom identity and refuses a GLN with a wrong check digit', async () => {
    const got = await call(coordinator, 'GET', '/v1/municipality');
    expect(got.body.medcom).toEqual(us);
    const bad = await call(coordinator, 'PATCH', '/v1/municipality', { medcom: { gln: '5790002650001' } });
    expect(bad.status).toBe(400);
    expect((await call(coordinator, 'GET', '/v1/municipality')).body.medcom).toEqual(us);
  });

  it('lets the gateway call POST /medcom and nothing else; no one else may call POST /medcom', async () => {
    expect((await call(gateway, 'GET', '/v1/me')).status).toBe(403);
    expect((await call(gateway, 'GET', '/v1/referrals')).status).toBe(403);
    expect((await call(coordinator, 'POST', '/medcom', careCommunicationExample())).status).toBe(403);
    expect((await http(api, 'POST', '/medcom', { body: careCommunicationExample() })).status).toBe(401);
  });

  it.each(['4.0', '5.0'] as const)(
    'attaches a CareCommunication %s about a citizen with a case to the case, and acknowledges it ok',
    async (version) => {
      const c = await newCase();
      const text = 'Kære brobygger.\nBorgeren har det bedre.\n\nHilsen Michael';
      const msg = careCommunicationExample({ version, cpr: c.cpr, receiver: us, text, category: 'regarding-referral', priority: 'asap' });
      const res = await send(msg);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
      expect(ackOf(res)).toEqual({ identifier: msg.entry[0].resource.id, code: 'ok' });
      expect(JSON.stringify(res.body)).not.toContain(c.cpr);

      const thread = await call(brobygger, 'GET', `/v1/referrals/${c.id}/messages`);
      expect(thread.status).toBe(200);
      expect(thread.body.items).toHaveLength(1);
      const item = thread.body.items[0];
      expect(item).toMatchObject({
        direction: 'in',
        kind: 'new',
        category: 'regarding-referral',
        topic: 'Forspørgsel på seneste resultater',
        priority: 'asap',
        sender: { name: 'Hjerteafdelingen på Herlev og Gentofte hospital', sor: '265161000016000', gln: '5790000209354' },
        recipient: us,
        segments: [{ text, author: 'Michael Burns, sygeplejerske', authorContact: '38683868', date: '2024-05-01T12:00:00+02:00' }],
      });
      // The read is audited as a read of the case.
      const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM audit_log WHERE referral_id = $1 AND action = 'medcom.read'", [c.id]);
      expect(n).toBe(1);
      // The same Acknowledgement is queued outbound.
      const [queued] = await ds.query(
        "SELECT ack_code, delivery_status FROM medcom_message WHERE municipality_id = $1 AND direction = 'out' AND answers = $2",
        [m, msg.entry[0].resource.id],
      );
      expect(queued).toEqual({ ack_code: 'ok', delivery_status: 'pending' });
    },
  );

  it('shows a reply with its PDF attachment, downloadable, and a forward as such', async () => {
    const c = await newCase();
    expect(ackOf(await send(careCommunicationExample({ kind: 'reply', cpr: c.cpr, receiver: us }))).code).toBe('ok');
    expect(ackOf(await send(careCommunicationExample({ kind: 'forward', cpr: c.cpr, receiver: us }))).code).toBe('ok');
    const items = (await call(coordinator, 'GET', `/v1/referrals/${c.id}/messages`)).body.items;
    expect(items.map((i: { kind: string }) => i.kind)).toEqual(['reply', 'forward']);
    expect(items[0].attachments).toEqual([
      expect.objectContaining({ title: 'Blodprøveresultater', contentType: 'application/pdf', creation: '2024-05-02T11:30:00+02:00' }),
    ]);
    const file = await call(coordinator, 'GET', items[0].attachments[0].downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.body ?? '')).toContain('%PDF');
    expect(EXAMPLE_PDF.startsWith('JVBERi0')).toBe(true);
  });

  it('acknowledges a duplicate again without storing it twice; the same id with other content is an error', async () => {
    const c = await newCase();
    const msg = careCommunicationExample({ cpr: c.cpr, receiver: us });
    expect(ackOf(await send(msg)).code).toBe('ok');
    expect(ackOf(await send(msg)).code).toBe('ok');
    const other = careCommunicationExample({ cpr: c.cpr, receiver: us, headerId: msg.entry[0].resource.id, text: 'Noget andet' });
    const res = await send(other);
    expect(ackOf(res).code).toBe('fatal-error');
    const outcome = res.body.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'OperationOutcome');
    expect(outcome.resource.issue[0].expression).toEqual(['MessageHeader.id']);
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM medcom_message WHERE referral_id = $1 AND direction = 'in'", [c.id]);
    expect(n).toBe(1);
  });

  it('answers an invalid message with an error acknowledgement saying what is wrong, and stores nothing of it', async () => {
    const msg = careCommunicationExample({ receiver: us, category: 'examination-results', priority: 'asap' });
    (msg.entry[2].resource as Record<string, unknown>).identifier = [{ value: 'urn:uuid:not-a-uuid' }];
    const res = await send(msg);
    expect(res.status).toBe(200);
    expect(ackOf(res).code).toBe('fatal-error');
    const outcome = res.body.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'OperationOutcome');
    const paths = outcome.resource.issue.map((i: { expression: string[] }) => i.expression[0]);
    expect(paths).toEqual(expect.arrayContaining(['Communication.identifier', 'Communication.priority']));
    const [{ n }] = await ds.query("SELECT count(*)::int AS n FROM medcom_message WHERE header_id = $1 AND direction = 'in'", [
      msg.entry[0].resource.id,
    ]);
    expect(n).toBe(0);
    // Not addressed to this municipality.
    expect(ackOf(await send(careCommunicationExample())).code).toBe('fatal-error');
    // Not a Bundle at all: still an answer, never a 5xx.
    expect((await send({ resourceType: 'Patient' })).status).toBe(200);
  });

  it('puts a message about an unknown citizen in the coordinators’ inbox, to attach by hand', async () => {
    const cpr = validCpr();
    const msg = careCommunicationExample({ cpr, receiver: us });
    expect(ackOf(await send(msg)).code).toBe('ok');
    const inbox = await call(coordinator, 'GET', '/v1/medcom/inbox');
    const item = inbox.body.items.find((i: { id: string; patientName: string }) => i.patientName === 'Bruno Elmer');
    expect(item).toBeDefined();
    expect(JSON.stringify(inbox.body)).not.toContain(cpr);
    expect((await call(brobygger, 'GET', '/v1/medcom/inbox')).status).toBe(403);
    const c = await newCase();
    expect((await call(coordinator, 'POST', `/v1/medcom/inbox/${item.id}/attach`, { referralId: c.id })).status).toBe(200);
    expect((await call(coordinator, 'GET', `/v1/referrals/${c.id}/messages`)).body.items).toHaveLength(1);
    expect((await call(coordinator, 'GET', '/v1/medcom/inbox')).body.items.find((i: { id: string }) => i.id === item.id)).toBeUndefined();
    expect((await call(coordinator, 'POST', `/v1/medcom/inbox/${randomUUID()}/attach`, { referralId: c.id })).status).toBe(404);
  });

  it('keeps the referring clinics’ SOR and GLN', async () => {
    const put = await call(coordinator, 'PUT', '/v1/medcom/clinics', {
      organisation: referrer.organisation,
      sor: '265101000016002',
      gln: '5790001234010',
    });
    expect(put.status).toBe(200);
    expect((await call(coordinator, 'GET', '/v1/medcom/clinics')).body.items).toEqual([
      { organisation: referrer.organisation, sor: '265101000016002', gln: '5790001234010' },
    ]);
    expect((await call(coordinator, 'PUT', '/v1/medcom/clinics', { organisation: 'X', sor: '12', gln: '1' })).status).toBe(400);
  });
});
