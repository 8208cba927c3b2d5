import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { acknowledgement, MedcomSender, readCareCommunication } from '@bro/medcom';
import { ReferrerFeedbackService } from '@bro/notification';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  bootApi,
  bootWorker,
  caller,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  referralBody,
  TestUser,
  validCpr,
  waitFor,
} from './kit';
import { careCommunicationExample } from './kit/medcom';

type Json = Record<string, any>;

/**
 * A GP system's VANS gateway on this machine: records what it is sent and answers each
 * CareCommunication with an Acknowledgement (`ack`), or takes it and never acknowledges (`silent`).
 */
class Receiver {
  mode: 'ack' | 'silent' = 'ack';
  readonly received: Json[] = [];
  private server: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const bundle = JSON.parse(body) as Json;
        this.received.push(bundle);
        const header = bundle.entry?.[0]?.resource;
        if (this.mode === 'ack' && header?.eventCoding?.code === 'care-communication-message') {
          const org = { name: 'Lægehuset Algade', sor: '265101000016002', gln: '5790001234010' };
          const ack = acknowledgement({ answers: header.id, code: 'ok', problems: [], from: org, to: org, at: new Date() });
          res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(ack.bundle));
        } else res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/medcom`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  of(headerId: string) {
    return this.received.filter((b) => b.entry?.[0]?.resource?.id === headerId);
  }
}

const us = { sor: '265001000016001', gln: '5790002650000', name: 'Testkommune, Social henvisning' };
const clinicNumbers = { sor: '265101000016002', gln: '5790001234010' };

describe('MedCom sending (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let sender: MedcomSender;
  const receiver = new Receiver();
  let outbox: string;

  beforeAll(async () => {
    await receiver.start();
    outbox = await mkdtemp(join(tmpdir(), 'medcom-outbox-'));
    api = await bootApi({ MEDCOM_TRANSPORT: 'file', MEDCOM_OUTBOX_DIR: outbox });
    worker = await bootWorker({
      WORKER_PORT: '0',
      MEDCOM_TRANSPORT: 'http',
      MEDCOM_OUTBOUND_URL: receiver.url,
      MEDCOM_RESEND_MS: '1000',
      MEDCOM_MAX_SENDS: '2',
    });
    ds = api.get(DataSource);
    call = caller(api);
    sender = worker.get(MedcomSender);
  });
  // A test that fails half-way leaves the receiver as the next one expects it.
  afterEach(() => {
    receiver.mode = 'ack';
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await receiver.stop();
    await rm(outbox, { recursive: true, force: true });
  });

  /**
   * A municipality and a referring clinic that both have MedCom numbers, and the clinic's
   * referral at this feedback level, assigned to a brobygger.
   */
  async function assignedCaseOfClinic(feedback: 'none' | 'status' | 'summary', numbers: { sor: string; gln: string }) {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    const brobygger = await createBrobygger(ds, m, [area], 5);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp: TestUser = await createUser(ds, m, 'referrer');
    await call(coordinator, 'PATCH', '/v1/municipality', { medcom: us });
    await call(coordinator, 'PUT', '/v1/medcom/clinics', { organisation: gp.organisation, ...numbers });
    const cpr = validCpr();
    const id = (
      await call(
        gp,
        'POST',
        '/v1/referrals',
        referralBody({ cpr, consent: { referral: true, referrerFeedback: feedback, method: 'verbal' } }),
      )
    ).body.id as string;
    await call(coordinator, 'POST', `/v1/referrals/${id}/assign`, { brobyggerId: brobygger.brobyggerId });
    return { m, id, cpr, coordinator, brobygger, gp };
  }

  /** A case of a clinic with MedCom numbers, its first conversation held (the milestone the clinic hears of). */
  async function conversationHeld(feedback: 'none' | 'status' | 'summary') {
    const c = await assignedCaseOfClinic(feedback, clinicNumbers);
    const { id, brobygger } = c;
    expect((await call(brobygger, 'POST', `/v1/referrals/${id}/contact-attempts`, { outcome: 'reached', channel: 'phone' })).status).toBe(
      201,
    );
    const held = await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, {
      heldAt: new Date(Date.now() + 1_000).toISOString(),
      durationMinutes: 30,
      location: 'Havehuset',
      kind: 'first',
    });
    if (held.status !== 201) throw new Error(JSON.stringify(held.body));
    return c;
  }

  const outbound = (referralId: string) =>
    ds.query(
      `SELECT id, header_id AS "headerId", bundle, delivery_status AS status, delivery_attempts AS attempts, ack_code AS "ackCode"
         FROM medcom_message WHERE referral_id = $1 AND direction = 'out' AND event = 'care-communication'`,
      [referralId],
    );

  it('sends the first conversation to the clinic as a valid CareCommunication regarding-referral; the Acknowledgement closes it', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    expect(row.status).toBe('pending');
    // The ledger never holds the CPR: it is put in at each send.
    expect(JSON.stringify(row.bundle)).not.toContain(c.cpr);

    receiver.mode = 'ack';
    await sender.deliverDue();
    const [sent] = receiver.of(row.headerId);
    expect(sent).toBeDefined();
    const read = readCareCommunication(sent, { narrative: true });
    expect(read.problems).toEqual([]);
    expect(read.message).toMatchObject({
      category: 'regarding-referral',
      kind: 'new',
      patient: { cpr: c.cpr },
      recipient: { ...clinicNumbers },
    });
    expect(read.message!.segments[0].text).toContain('første samtale');
    const [after] = await outbound(c.id);
    expect(after).toMatchObject({ status: 'acknowledged', ackCode: 'ok' });

    const thread = await call(c.brobygger, 'GET', `/v1/referrals/${c.id}/messages`);
    expect(thread.body.items).toEqual([expect.objectContaining({ direction: 'out', category: 'regarding-referral', acknowledged: true })]);
  });

  it('sends nothing by MedCom at consent level "none"', async () => {
    const c = await conversationHeld('none');
    // The milestone job run again, now: the consent in force says nothing goes to the clinic.
    const feedback = worker.get(ReferrerFeedbackService);
    await feedback.sendMilestone({ referralId: c.id, municipalityId: c.m, milestone: 'conversation_held', v: 1 });
    expect(await outbound(c.id)).toEqual([]);
  });

  it('resends a message the receiver never acknowledges, then fails it and flags the case', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    receiver.mode = 'silent';
    const failed = await waitFor(
      'the message failed',
      async () => {
        await sender.deliverDue();
        const [r] = await outbound(c.id);
        return r.status === 'failed' && r;
      },
      20_000,
    );
    expect(failed.attempts).toBe(3); // two sends, then the give-up
    expect(receiver.of(row.headerId)).toHaveLength(2);
    // The resend is the same message: same Bundle id and MessageHeader id.
    expect(receiver.of(row.headerId)[1].id).toBe(receiver.of(row.headerId)[0].id);
    const thread = await call(c.coordinator, 'GET', `/v1/referrals/${c.id}/messages`);
    expect(thread.body.items[0]).toMatchObject({ direction: 'out', acknowledged: false, deliveryStatus: 'failed' });
    receiver.mode = 'ack';
  });

  it('closes a message with the Acknowledgement the gateway delivers; an error acknowledgement flags the case', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    receiver.mode = 'silent';
    await sender.deliverDue();
    receiver.mode = 'ack';
    const gateway = await createUser(ds, c.m, 'gateway');
    const clinic = { name: c.gp.organisation, ...clinicNumbers };
    const ack = acknowledgement({
      answers: row.headerId,
      code: 'fatal-error',
      problems: [{ path: 'Communication.payload', message: 'ukendt modtager' }],
      from: clinic,
      to: us,
      at: new Date(),
    });
    expect((await call(gateway, 'POST', '/medcom', ack.bundle)).status).toBe(200);
    const [after] = await outbound(c.id);
    expect(after).toMatchObject({ status: 'failed', ackCode: 'fatal-error' });
  });

  const ledgerOf = async (referralId: string) =>
    (
      await ds.query(
        `SELECT delivery_status AS status, last_error AS reason FROM medcom_message
          WHERE referral_id = $1 AND direction = 'out' AND event = 'care-communication'`,
        [referralId],
      )
    )[0] as { status: string; reason: string | null };

  it('asks the consent again at every resend: after the GP feedback level is lowered to "none", the resend is withheld', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    receiver.mode = 'silent';
    await sender.deliverDue();
    expect(receiver.of(row.headerId)).toHaveLength(1);
    const lowered = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
      scope: 'referrer_feedback',
      value: 'none',
      method: 'verbal',
    });
    expect(lowered.status).toBeLessThan(300);
    const settled = await waitFor(
      'the resend decided',
      async () => {
        await sender.deliverDue();
        const l = await ledgerOf(c.id);
        return l.status !== 'delivered' && l;
      },
      20_000,
    );
    // Not sent again, marked with a reason code (nothing about the citizen), and not a failure that flags the case.
    expect(settled).toEqual({ status: 'withheld', reason: 'not_disclosed' });
    expect(receiver.of(row.headerId)).toHaveLength(1);
    const thread = await call(c.coordinator, 'GET', `/v1/referrals/${c.id}/messages`);
    expect(thread.body.items[0]).toMatchObject({ direction: 'out', deliveryStatus: 'withheld' });
    receiver.mode = 'ack';
  });

  it('does not send a queued message once the citizen withdrew consent and the case is kept restricted', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    await ds.query("UPDATE municipality SET record_keeping = 'after_contact' WHERE id = $1", [c.m]);
    const withdrawn = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
      scope: 'referral',
      value: false,
      method: 'verbal',
    });
    expect(withdrawn.body).toMatchObject({ restricted: true, erased: false });
    await sender.deliverDue();
    expect(receiver.of(row.headerId)).toHaveLength(0);
    expect(await ledgerOf(c.id)).toEqual({ status: 'withheld', reason: 'consent_withdrawn' });
  });

  it('writes one JSON file per message with the file adapter', async () => {
    const c = await conversationHeld('status');
    const [row] = await waitFor('the MedCom message queued', async () => (await outbound(c.id)).length === 1 && outbound(c.id));
    await api.get(MedcomSender).deliverDue();
    const file = JSON.parse(await readFile(join(outbox, `${row.headerId}.json`), 'utf8')) as Json;
    const read = readCareCommunication(file, { narrative: true });
    expect(read.problems).toEqual([]);
    expect(read.message?.patient.cpr).toBe(c.cpr);
    const [after] = await outbound(c.id);
    expect(after.status).toBe('delivered');
  });
  describe('a reply to the GP', () => {
    /** The example GP's numbers (the sender of careCommunicationExample). */
    const gpNumbers = { sor: '265161000016000', gln: '5790000209354' };

    /** A case whose referring clinic is the example GP; the GP has written about the citizen. */
    async function written(feedback: 'status' | 'summary') {
      const { m, id, cpr, coordinator, brobygger, gp } = await assignedCaseOfClinic(feedback, gpNumbers);
      const gateway = await createUser(ds, m, 'gateway');
      const incoming = careCommunicationExample({ cpr, receiver: { ...us } });
      expect((await call(gateway, 'POST', '/medcom', incoming)).status).toBe(200);
      const thread = await call(brobygger, 'GET', `/v1/referrals/${id}/messages`);
      const message = (thread.body.items as Json[]).find((i) => i.direction === 'in')!;
      return { m, id, cpr, coordinator, brobygger, gp, message, headerId: String(incoming.entry[0].resource.id) };
    }

    const replies = (referralId: string) =>
      ds.query(
        `SELECT id, header_id AS "headerId", bundle, delivery_status AS status FROM medcom_message
          WHERE referral_id = $1 AND direction = 'out' AND kind = 'reply'`,
        [referralId],
      );

    it('sends a valid CareCommunication reply to the GP at consent "summary"; it joins the thread as out/reply', async () => {
      const c = await written('summary');
      const text = 'Tak for beskeden.\nBorgeren er startet i et forløb.';
      const res = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/messages/${c.message.id}/reply`, { text });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ referralId: c.id, inReplyTo: c.message.id, kind: 'reply', deliveryStatus: 'pending' });
      const [row] = await replies(c.id);
      expect(JSON.stringify(row.bundle)).not.toContain(c.cpr);

      await sender.deliverDue();
      const [sent] = receiver.of(row.headerId);
      const read = readCareCommunication(sent, { narrative: true });
      expect(read.problems).toEqual([]);
      expect(read.message).toMatchObject({
        kind: 'reply',
        previous: c.headerId,
        category: c.message.category,
        topic: c.message.topic,
        patient: { cpr: c.cpr },
        recipient: { ...gpNumbers },
        sender: { sor: us.sor, gln: us.gln },
      });
      expect(read.message!.segments[0].text).toBe(text);
      expect(sent.entry[0].resource.destination[0].endpoint).toBe(`https://sor2.sum.dsdn.dk/#id=${gpNumbers.sor}`);
      const [after] = await replies(c.id);
      expect(after.status).toBe('acknowledged');

      const thread = await call(c.brobygger, 'GET', `/v1/referrals/${c.id}/messages`);
      expect(thread.body.items).toContainEqual(
        expect.objectContaining({
          id: res.body.id,
          direction: 'out',
          kind: 'reply',
          acknowledged: true,
          segments: [expect.objectContaining({ text })],
        }),
      );
    });

    it('withholds a queued reply when the clinic no longer has the summary level at sending', async () => {
      const c = await written('summary');
      const res = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/messages/${c.message.id}/reply`, { text: 'Tak for beskeden.' });
      expect(res.status).toBe(201);
      const [row] = await replies(c.id);
      const lowered = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
        scope: 'referrer_feedback',
        value: 'status',
        method: 'verbal',
      });
      expect(lowered.status).toBeLessThan(300);
      await sender.deliverDue();
      expect(receiver.of(row.headerId)).toHaveLength(0);
      const [after] = await ds.query('SELECT delivery_status AS status, last_error AS reason FROM medcom_message WHERE id = $1', [row.id]);
      expect(after).toEqual({ status: 'withheld', reason: 'not_disclosed' });
    });

    it('refuses a reply at consent "status" with 409 and sends nothing', async () => {
      const c = await written('status');
      const before = receiver.received.length;
      const res = await call(c.brobygger, 'POST', `/v1/referrals/${c.id}/messages/${c.message.id}/reply`, { text: 'Hej' });
      expect(res.status).toBe(409);
      expect(res.body.details).toMatchObject({ code: 'feedback_summary_consent_required' });
      expect(await replies(c.id)).toEqual([]);
      await sender.deliverDue();
      expect(
        receiver.received
          .slice(before)
          .filter(
            (b) =>
              b.entry?.[0]?.resource?.eventCoding?.code === 'care-communication-message' &&
              readCareCommunication(b).message?.kind === 'reply',
          ),
      ).toEqual([]);
    });

    it('refuses a reply to a sender that is not the referring clinic, and bad text, storing nothing', async () => {
      const c = await written('summary');
      await call(c.coordinator, 'PUT', '/v1/medcom/clinics', { organisation: c.gp.organisation, ...clinicNumbers });
      const url = `/v1/referrals/${c.id}/messages/${c.message.id}/reply`;
      const other = await call(c.brobygger, 'POST', url, { text: 'Hej' });
      expect(other.status).toBe(409);
      expect(other.body.details).toMatchObject({ code: 'recipient_not_referring_clinic' });
      await call(c.coordinator, 'PUT', '/v1/medcom/clinics', { organisation: c.gp.organisation, ...gpNumbers });
      for (const text of ['', 'a'.repeat(5001), 'tab\there', 'nul\u0000', 'cr\r\n']) {
        const bad = await call(c.brobygger, 'POST', url, { text });
        expect(bad.status).toBe(400);
      }
      // The GP (a referrer) may not reply on the municipality's behalf.
      expect((await call(c.gp, 'POST', url, { text: 'Hej' })).status).toBe(403);
      expect(await replies(c.id)).toEqual([]);
      // A coordinator of the municipality may, as with other case writes.
      expect((await call(c.coordinator, 'POST', url, { text: 'Hej fra koordinatoren' })).status).toBe(201);
    });
  });
});
